import { describe, expect, it } from 'vitest';
import { giveWayToFrontDoor, noteFrontDoorRequest, PAGE_LOAD_QUIET_MS, QUIET_MS } from './front-door-priority';

describe('long work gives way to the front door', () => {
  it('lets a request that follows another one a few ms later go before the next slice', async () => {
    const order: string[] = [];
    noteFrontDoorRequest();
    const slice = giveWayToFrontDoor().then(() => order.push('next slice'));
    setTimeout(() => order.push('follow-up request'), 5);
    await slice;
    expect(order).toEqual(['follow-up request', 'next slice']);
  });

  it('still runs the next slice while requests keep coming in', async () => {
    const stream = setInterval(noteFrontDoorRequest, 5);
    let slices = 0;
    try {
      noteFrontDoorRequest();
      for (let i = 0; i < 3; i++) {
        await giveWayToFrontDoor();
        slices++;
      }
    } finally {
      clearInterval(stream);
    }
    expect(slices).toBe(3);
  });

  it('holds long work longer after a page was served, while its window lays it out', async () => {
    await new Promise((resolve) => setTimeout(resolve, 40)); // the earlier tests' requests are past
    const order: string[] = [];
    noteFrontDoorRequest(PAGE_LOAD_QUIET_MS);
    noteFrontDoorRequest(); // a follow-up request does not shorten the page's quiet
    const slice = giveWayToFrontDoor().then(() => order.push('next slice'));
    setTimeout(() => order.push('the page still loading'), QUIET_MS * 2);
    await slice;
    expect(order).toEqual(['the page still loading', 'next slice']);
    await new Promise((resolve) => setTimeout(resolve, PAGE_LOAD_QUIET_MS)); // quiet again for the next test
  });

  it('waits for one turn of the event loop only when no request came in', async () => {
    const order: string[] = [];
    await new Promise((resolve) => setTimeout(resolve, 40)); // the earlier tests' requests are past
    const slice = giveWayToFrontDoor().then(() => order.push('next slice'));
    setTimeout(() => order.push('a later timer'), 5);
    await slice;
    expect(order).toEqual(['next slice']);
  });
});
