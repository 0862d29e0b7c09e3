"""Image generation: typed requests and events, backends, the router and the job runner."""
