/**
 * Whether BFL is reachable, as the runner last saw it. Emits `network:changed` only when the
 * answer flips, so a hundred queued jobs hitting a dead network produce one event, not a hundred.
 */
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';

export class NetworkStatus {
  private online = true;

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  get isOnline(): boolean {
    return this.online;
  }

  offline(reason: string): void {
    if (!this.online) return;
    this.online = false;
    this.logger.warn('BFL unreachable; jobs wait in the queue', { reason });
    this.bus.emit('network:changed', { online: false });
  }

  reachable(): void {
    if (this.online) return;
    this.online = true;
    this.logger.info('BFL reachable again');
    this.bus.emit('network:changed', { online: true });
  }
}
