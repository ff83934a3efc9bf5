/**
 * Real screenshots of a widget inside a test page (taken by the test runner's `element-screenshot`
 * command, see test/support/screenshot-plugin.mjs) and a pixel comparison of two of them.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { TerminBuchen } from '../../src/termin-buchen.js';
import { waitFor, type TestPage } from './harness.js';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A channel may differ by this much before the pixel counts as different: anti-aliasing, not looks. */
const CHANNEL_TOLERANCE = 32;

const nextFrame = (window: Window) => new Promise((resolve) => window.requestAnimationFrame(resolve));

/** Waits until nothing in the widget is still loading or pulsing, so both pages are caught in the same state. */
async function settled(widget: TerminBuchen): Promise<void> {
  await widget.updateComplete;
  await waitFor(() => !widget.shadowRoot!.querySelector('.loading, [data-state="loading"]'), 'the widget to finish loading');
  const window = widget.ownerDocument.defaultView!;
  await nextFrame(window);
  await nextFrame(window);
}

/** The widget's box in CSS pixels of the top-level test page's document, on whole pixels. */
function clipOf(page: TestPage, widget: TerminBuchen): Clip {
  const frame = page.frame.getBoundingClientRect();
  const box = widget.getBoundingClientRect();
  const left = Math.round(window.scrollX + frame.left + page.frame.clientLeft + box.left);
  const top = Math.round(window.scrollY + frame.top + page.frame.clientTop + box.top);
  return { x: left, y: top, width: Math.round(box.width), height: Math.round(box.height) };
}

/** A PNG of the widget as Chromium paints it right now. */
export async function screenshotWidget(page: TestPage, widget: TerminBuchen): Promise<Blob> {
  await settled(widget);
  const png = await executeServerCommand<string, Clip>('element-screenshot', clipOf(page, widget));
  return new Blob([Uint8Array.from(atob(png), (character) => character.charCodeAt(0))], { type: 'image/png' });
}

function pixelsOf(image: ImageBitmap, width: number, height: number): Uint8ClampedArray {
  const context = new OffscreenCanvas(width, height).getContext('2d')!;
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, width, height).data;
}

export interface PixelDifference {
  /** Differing pixels as a share of all pixels, 0…1; where one image is larger, its extra pixels differ. */
  share: number;
  sizes: string;
}

export async function comparePixels(expected: Blob, actual: Blob): Promise<PixelDifference> {
  const [first, second] = await Promise.all([createImageBitmap(expected), createImageBitmap(actual)]);
  const sizes = `${first.width}×${first.height} vs ${second.width}×${second.height}`;
  const width = Math.max(first.width, second.width);
  const height = Math.max(first.height, second.height);
  const a = pixelsOf(first, width, height);
  const b = pixelsOf(second, width, height);
  first.close();
  second.close();
  let differing = 0;
  for (let offset = 0; offset < a.length; offset += 4) {
    for (let channel = 0; channel < 4; channel += 1) {
      if (Math.abs(a[offset + channel] - b[offset + channel]) > CHANNEL_TOLERANCE) {
        differing += 1;
        break;
      }
    }
  }
  return { share: differing / (width * height), sizes };
}
