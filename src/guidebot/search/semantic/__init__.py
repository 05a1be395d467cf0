"""Reading meaning: finding a model (model_dir) and loading it (load), the built-in word
vectors (wordvectors, numpy alone) or a sentence-embedding model (encoder, the `semantic`
extra), embedding the passages (passages) and fusing similarities with BM25 (fusion).

Import the modules themselves: this package imports nothing, so that finding out whether a
model is wanted (model_dir) loads neither numpy nor onnxruntime, and the chat app still paints
its first frame without the engine. Only Encoder.load imports onnxruntime and tokenizers.
"""
