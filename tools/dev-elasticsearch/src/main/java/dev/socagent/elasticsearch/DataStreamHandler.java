package dev.socagent.elasticsearch;

import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.ClusterStateUpdateTask;
import org.elasticsearch.cluster.metadata.DataStream;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.cluster.metadata.MetadataDeleteIndexService;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.Priority;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.Index;
import org.elasticsearch.rest.RestChannel;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /_data_stream[/{name}]} and {@code DELETE /_data_stream/{name}}. Names may be comma-separated and
 * may hold wildcards. Deleting removes the data stream first and then its backing indices, so the metadata
 * never points at an index that is gone.
 */
final class DataStreamHandler implements RestHandler {
    private final Supplier<ClusterService> clusterService;
    private final Settings settings;

    DataStreamHandler(Supplier<ClusterService> clusterService, Settings settings) {
        this.clusterService = clusterService;
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(
            new Route(RestRequest.Method.GET, "/_data_stream"),
            new Route(RestRequest.Method.GET, "/_data_stream/{name}"),
            new Route(RestRequest.Method.DELETE, "/_data_stream/{name}")
        );
    }

    @Override
    public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
        String[] patterns = request.hasParam("name") ? request.param("name").split(",") : new String[] { "*" };
        ClusterService cluster = clusterService.get();
        List<String> names = matching(cluster.state().metadata().dataStreams(), patterns);
        boolean explicit = patterns.length == 1 && Regex.isSimpleMatchPattern(patterns[0]) == false;
        if (names.isEmpty() && explicit) {
            sendNotFound(channel, patterns[0]);
            return;
        }
        if (request.method() == RestRequest.Method.GET) {
            sendList(channel, cluster.state().metadata(), names);
        } else {
            delete(channel, cluster, patterns);
        }
    }

    private static List<String> matching(Map<String, DataStream> dataStreams, String[] patterns) {
        return dataStreams.keySet().stream().filter(name -> Regex.simpleMatch(patterns, name)).sorted().toList();
    }

    private void delete(RestChannel channel, ClusterService cluster, String[] patterns) {
        cluster.submitUnbatchedStateUpdateTask("delete-data-stream " + String.join(",", patterns), new ClusterStateUpdateTask(Priority.HIGH) {
            @Override
            public ClusterState execute(ClusterState current) {
                Metadata metadata = current.metadata();
                List<String> names = matching(metadata.dataStreams(), patterns);
                if (names.isEmpty()) {
                    return current;
                }
                Set<Index> backingIndices = new HashSet<>();
                Metadata.Builder builder = Metadata.builder(metadata);
                for (String name : names) {
                    DataStream dataStream = metadata.dataStreams().get(name);
                    backingIndices.addAll(dataStream.getIndices());
                    backingIndices.addAll(dataStream.getFailureIndices());
                    builder.removeDataStream(name);
                }
                ClusterState withoutStreams = ClusterState.builder(current).metadata(builder).build();
                return MetadataDeleteIndexService.deleteIndices(withoutStreams, backingIndices, settings);
            }

            @Override
            public void clusterStateProcessed(ClusterState oldState, ClusterState newState) {
                send(channel, () -> {
                    XContentBuilder body = channel.newBuilder();
                    body.startObject().field("acknowledged", true).endObject();
                    return new RestResponse(RestStatus.OK, body);
                });
            }

            @Override
            public void onFailure(Exception e) {
                send(channel, () -> new RestResponse(channel, e));
            }
        });
    }

    private static void sendList(RestChannel channel, Metadata metadata, List<String> names) throws IOException {
        XContentBuilder body = channel.newBuilder();
        body.startObject().startArray("data_streams");
        for (String name : names) {
            DataStream dataStream = metadata.dataStreams().get(name);
            body.startObject()
                .field("name", name)
                .startObject("timestamp_field").field("name", "@timestamp").endObject()
                .startArray("indices");
            for (Index index : dataStream.getIndices()) {
                body.startObject().field("index_name", index.getName()).field("index_uuid", index.getUUID()).endObject();
            }
            body.endArray().field("generation", dataStream.getGeneration()).field("status", "GREEN").endObject();
        }
        body.endArray().endObject();
        channel.sendResponse(new RestResponse(RestStatus.OK, body));
    }

    private static void sendNotFound(RestChannel channel, String name) throws IOException {
        XContentBuilder body = channel.newBuilder();
        body.startObject()
            .startObject("error")
            .field("type", "index_not_found_exception")
            .field("reason", "no such index [" + name + "]")
            .field("index", name)
            .endObject()
            .field("status", 404)
            .endObject();
        channel.sendResponse(new RestResponse(RestStatus.NOT_FOUND, body));
    }

    private interface ResponseBuilder {
        RestResponse build() throws IOException;
    }

    private static void send(RestChannel channel, ResponseBuilder response) {
        try {
            channel.sendResponse(response.build());
        } catch (IOException e) {
            channel.sendResponse(new RestResponse(RestStatus.INTERNAL_SERVER_ERROR, e.toString()));
        }
    }
}
