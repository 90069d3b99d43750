/** The editor viewport's size in CSS pixels, kept current as the window resizes. */
import { useEffect, useState, type RefObject } from 'react';

export function useViewportSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** A pointer position relative to an element's top-left corner. */
export function localPoint(el: HTMLElement, event: { clientX: number; clientY: number }): { x: number; y: number } {
  const box = el.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}
