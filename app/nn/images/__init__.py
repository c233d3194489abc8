"""Images and convolutional networks: data, engine and explanations (pure NumPy).

Beside the fully connected engine of ``app.nn``, reusing its activations,
heads, losses, optimizers, regularizers and training loop:
``digits`` (the shipped UCI digits), ``shapes`` (generated pictures),
``drawn`` (the user's images: text format, grid reduction), ``datasets``
(splits), ``layers`` (im2col convolution, max-pooling), ``network``
(``ImageNetwork``), ``parameters`` (weights as JSON-ready lists),
``run_config`` and ``run`` (``ImageRun``, the ``Run`` of pictures),
``evaluation`` (confusion matrix) and ``explain`` (one image, every number).
"""
