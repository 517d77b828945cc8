/**
 * Runs a job when an element is on screen: `request()` runs it now if the element is
 * visible, else as soon as it scrolls into sight (once per request). For work that costs
 * seconds on a software GPU and is only worth doing when someone looks (a trace).
 */
export interface WhenVisible {
  request(): void;
  /** Forgets a pending request (the job was run another way). */
  cancel(): void;
  disconnect(): void;
}

export function whenVisible(element: Element, run: () => void): WhenVisible {
  let visible = false;
  let wanted = false;
  const observer = new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible && wanted) {
      wanted = false;
      run();
    }
  });
  observer.observe(element);
  return {
    request() {
      if (visible) run();
      else wanted = true;
    },
    cancel() {
      wanted = false;
    },
    disconnect: () => observer.disconnect(),
  };
}
