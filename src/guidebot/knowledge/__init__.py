"""Stage 1, knowledge: guide and FAQ files read and validated (with line numbers) into a
KnowledgeBase, and split into the citable passages every later stage works on."""
