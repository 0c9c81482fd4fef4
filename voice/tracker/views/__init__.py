"""The tracker's pages: staff (priorities, actions, statements, gaps), a facilitator's groups,
and the public "You said, we did" pages."""
