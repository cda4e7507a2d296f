"""The built-in exporters: plugins like any other, listed in ``plugins.DEFAULT_PLUGINS``."""
