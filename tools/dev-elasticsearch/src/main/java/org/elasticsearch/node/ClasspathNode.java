package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Elasticsearch node whose plugins come from the classpath. Lives in this package because
 * {@link NodeConstruction#prepareConstruction} and {@link NodeServiceProvider} are package-private.
 */
public final class ClasspathNode extends Node {
    public ClasspathNode(Environment environment, List<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
            environment,
            PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false),
            new NodeServiceProvider() {
                @Override
                PluginsService newPluginService(Environment env, PluginsLoader loader) {
                    return new ClasspathPluginsService(env.settings(), loader, plugins);
                }
            },
            true
        ));
    }
}
