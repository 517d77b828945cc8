/**
 * Tiny DOM helpers: `h('div', { class: 'x', onclick }, ...children)` builds an element, `svg`
 * builds an SVG element. No framework: the page is a handful of widgets redrawn from data.
 */
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown>;

function applyProps(el: Element, props: Props | undefined): void {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'className' && el instanceof SVGElement) {
      el.setAttribute('class', String(value));
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign((el as HTMLElement).style, value);
    } else if (key === 'dataset' && typeof value === 'object') {
      Object.assign((el as HTMLElement).dataset, value);
    } else if (key in el && !(el instanceof SVGElement) && key !== 'list' && key !== 'for') {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

/** Replaces all children of `el`. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Calls `fn` at most once per animation frame with the latest arguments. */
export function perFrame<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let pending: A | undefined;
  return (...args: A) => {
    const first = pending === undefined;
    pending = args;
    if (first) {
      requestAnimationFrame(() => {
        const a = pending!;
        pending = undefined;
        fn(...a);
      });
    }
  };
}
