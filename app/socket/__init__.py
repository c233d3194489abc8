"""The socket layer: protocol names and validation, outgoing messages, the catalog, handlers."""
