"""The optional semantic re-ranker (the `semantic` extra): finding a sentence-embedding model
(model_dir), running it (encoder), embedding the passages (passages) and fusing similarities
with BM25 (fusion).

Import the modules themselves: this package imports nothing, so that finding out whether a
model is wanted (model_dir) loads neither numpy nor onnxruntime, and the chat app still paints
its first frame without the engine. Only Encoder.load imports onnxruntime and tokenizers.
"""
