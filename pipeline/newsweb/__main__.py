from .server import serve_forever_cli

serve_forever_cli()
