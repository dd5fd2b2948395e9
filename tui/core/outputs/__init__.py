"""What leaves a conversation: the reflection log and its privacy review, exports (one registry
of formats in :mod:`formats`), the case pack, team records and the team picture, Min praksis and
demo data. Leaves of the core: nothing else imports them."""
