"""Reading the content: bounded YAML, typed models, located messages, field docs and JSON Schemas."""
