package dev.socagent.elasticsearch;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;

/**
 * The two analysis components soc-agent's telemetry templates use that a full distribution gets from the
 * {@code analysis-common} module, which is not published to Maven Central: the {@code ngram} tokenizer (with
 * {@code min_gram}, {@code max_gram} and {@code token_chars: []}, i.e. every character, as the templates set them)
 * and the {@code lowercase} token filter. Both wrap the same Lucene classes the module uses, so an index analyses
 * its text here exactly as on a stock cluster; any other setting is refused rather than silently ignored.
 */
public final class DevAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("ngram", (indexSettings, environment, name, settings) -> {
            int minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            int maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            if (!settings.getAsList("token_chars").isEmpty()) {
                throw new IllegalArgumentException("the dev node's ngram tokenizer supports only token_chars: [] (every character)");
            }
            int maxDiff = indexSettings.getMaxNgramDiff();
            if (maxGram - minGram > maxDiff) {
                throw new IllegalArgumentException("max_gram - min_gram must be at most index.max_ngram_diff [" + maxDiff + "]");
            }
            return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(minGram, maxGram));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("lowercase", (indexSettings, environment, name, settings) -> new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return new LowerCaseFilter(tokenStream);
            }

            @Override
            public TokenStream normalize(TokenStream tokenStream) {
                return new LowerCaseFilter(tokenStream);
            }
        });
    }
}
