"""Language resources shared by the stages: stop words and offline sentence embeddings."""
