package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;

import java.util.List;

/**
 * Loads plugins from classes already on the classpath instead of from a plugins directory.
 * Lives in this package because {@link PluginsService.LoadedPlugin} and {@code loadPlugin} are package-private.
 */
public final class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Settings settings, PluginsLoader pluginsLoader, List<Class<? extends Plugin>> pluginClasses) {
        super(settings, null, pluginsLoader);
        loaded = pluginClasses.stream().map(pluginClass -> load(settings, pluginClass)).toList();
    }

    private static LoadedPlugin load(Settings settings, Class<? extends Plugin> pluginClass) {
        var descriptor = new PluginDescriptor(
            pluginClass.getName(),
            "classpath plugin",
            "NA",
            Build.current().version(),
            "17",
            pluginClass.getName(),
            null,
            List.of(),
            false,
            false,
            false,
            false
        );
        Plugin instance = loadPlugin(pluginClass, settings, null);
        return new LoadedPlugin(descriptor, instance, Thread.currentThread().getContextClassLoader());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded == null ? List.of() : loaded;
    }
}
