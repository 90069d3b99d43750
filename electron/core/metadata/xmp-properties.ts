/** The XMP properties a file carries, whichever container holds them. */
import type { OutputFormat } from '../../../shared/types';
import { fromUtf8 } from './bytes';
import { joinJpegXmp } from './extended-xmp';
import { readJpegXmp } from './jpeg';
import { readPngXmp } from './png';
import { readWebpXmp } from './webp';
import { parseXmp } from './xmp';
import type { XmpProperty } from './xmp';

/** All XMP properties in the file; throws on a container it cannot walk. */
export function readXmpProperties(bytes: Uint8Array, format: OutputFormat): XmpProperty[] {
  if (format === 'jpeg') {
    const { standard, extended } = readJpegXmp(bytes);
    return standard ? joinJpegXmp(standard, extended) : [];
  }
  const packet = format === 'png' ? readPngXmp(bytes) : readWebpXmp(bytes);
  return packet ? parseXmp(fromUtf8(packet)) : [];
}
