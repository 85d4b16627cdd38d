"""Query: the QA agent. Plays every build before it is published, and answers questions over the
catalog. Pure logic; maestro.pipeline makes it an actor."""
