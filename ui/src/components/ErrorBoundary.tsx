import { Component, type ErrorInfo, type ReactNode } from "react";

/** Shows a readable message instead of a blank window when a component throws. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Lantern Studio:", error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="crash">
        <h1>Something went wrong in the editor</h1>
        <p>{this.state.error.message}</p>
        <p>Your edits are autosaved; reopen the project to get them back.</p>
        <button onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
