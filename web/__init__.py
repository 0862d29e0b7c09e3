"""The Gradio chat and the HTTP routes beside it."""
