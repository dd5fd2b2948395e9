"""The guidance model and the files that shape it, read and checked at start: content (4K, Kolb,
karriereknapper, questions), themes, the counsellor's config and the vaktleder's focus, with the
compiled cache that spares a start the YAML. Knows nothing of conversations or outputs."""
