"""The built-in exporters: plugins like any other, listed in ``frontnews.plugins.DEFAULT_PLUGINS``."""
