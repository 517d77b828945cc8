/**
 * Lets the event loop run between training steps, so a page repaints and a CLI handles
 * Ctrl-C. setImmediate (Node) and MessageChannel (browsers, workers) return at once;
 * setTimeout(0) would wait 1-4 ms per step.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
