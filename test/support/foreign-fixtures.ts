/**
 * Files as other image tools write them, built byte by byte in the tests (no files copied from
 * elsewhere): PNG text chunks, EXIF with a UserComment in JPEG APP1 or a WebP EXIF chunk.
 * Test-only: nothing in the app imports this file.
 */
import { crc32, deflateSync } from 'node:zlib';

export type TextChunk =
  | { type: 'tEXt'; keyword: string; text: string }
  | { type: 'zTXt'; keyword: string; text: string }
  | { type: 'iTXt'; keyword: string; text: string; compressed?: boolean };

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), out.length - 4);
  return out;
}

export function textChunk(chunk: TextChunk): Buffer {
  const keyword = Buffer.from(`${chunk.keyword}\0`, 'latin1');
  if (chunk.type === 'tEXt') return pngChunk('tEXt', Buffer.concat([keyword, Buffer.from(chunk.text, 'latin1')]));
  if (chunk.type === 'zTXt') {
    return pngChunk('zTXt', Buffer.concat([keyword, Buffer.from([0]), deflateSync(Buffer.from(chunk.text, 'latin1'))]));
  }
  const text = Buffer.from(chunk.text, 'utf8');
  const compressed = chunk.compressed === true;
  return pngChunk(
    'iTXt',
    Buffer.concat([keyword, Buffer.from([compressed ? 1 : 0, 0, 0, 0]), compressed ? deflateSync(text) : text]),
  );
}

/** The PNG with `chunks` (already encoded) inserted right after IHDR. */
export function withPngChunks(png: Uint8Array, chunks: readonly Uint8Array[]): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

export function withPngTexts(png: Uint8Array, texts: readonly TextChunk[]): Buffer {
  return withPngChunks(png, texts.map(textChunk));
}

/** A UserComment value: 8-byte character code, then the text in that code. */
export function userComment(code: 'ASCII' | 'UNICODE-BE' | 'UNICODE-LE', text: string): Buffer {
  if (code === 'ASCII') return Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), code === 'UNICODE-LE' ? le : le.swap16()]);
}

/** Minimal TIFF/EXIF: IFD0 with an ExifIFD pointer, the Exif IFD with one UserComment. */
export function exifWithUserComment(comment: Uint8Array, bigEndian = false): Buffer {
  const ifd0 = 8;
  const exifIfd = ifd0 + 2 + 12 + 4;
  const valueAt = exifIfd + 2 + 12 + 4;
  const out = Buffer.alloc(valueAt + comment.length);
  const u16 = (value: number, at: number): number =>
    bigEndian ? out.writeUInt16BE(value, at) : out.writeUInt16LE(value, at);
  const u32 = (value: number, at: number): number =>
    bigEndian ? out.writeUInt32BE(value, at) : out.writeUInt32LE(value, at);
  out.write(bigEndian ? 'MM' : 'II', 0, 'latin1');
  u16(42, 2);
  u32(ifd0, 4);
  u16(1, ifd0);
  u16(0x8769, ifd0 + 2); // ExifIFDPointer, LONG
  u16(4, ifd0 + 4);
  u32(1, ifd0 + 6);
  u32(exifIfd, ifd0 + 10);
  u16(1, exifIfd);
  u16(0x9286, exifIfd + 2); // UserComment, UNDEFINED
  u16(7, exifIfd + 4);
  u32(comment.length, exifIfd + 6);
  u32(valueAt, exifIfd + 10);
  Buffer.from(comment).copy(out, valueAt);
  return out;
}

/** The JPEG with an EXIF APP1 segment (holding `tiff`) right after SOI. */
export function withJpegExif(jpeg: Uint8Array, tiff: Uint8Array): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** The WebP with an EXIF chunk appended and the RIFF size fixed. */
export function withWebpExif(webp: Uint8Array, tiff: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.write('EXIF', 0, 'latin1');
  header.writeUInt32LE(tiff.length, 4);
  const chunk = Buffer.concat([header, tiff, Buffer.alloc(tiff.length % 2)]);
  const out = Buffer.concat([webp, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** A Lightroom-style XMP packet (also a valid sidecar). */
export function lightroomXmp(
  description: string,
  subjects: readonly string[],
  hierarchy: readonly string[],
  rating: number,
): string {
  const li = (items: readonly string[]): string => items.map((item) => `<rdf:li>${item}</rdf:li>`).join('');
  return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmp:Rating="${rating}">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${description}</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag>${li(subjects)}</rdf:Bag></dc:subject>
<lr:hierarchicalSubject><rdf:Bag>${li(hierarchy)}</rdf:Bag></lr:hierarchicalSubject>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

export const A1111_TEXT = [
  'a lighthouse on a basalt cliff, storm clouds',
  'Negative prompt: blurry, lowres',
  'Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3141592653, Size: 768x512, Model hash: 1a2b3c, Model: dreamshaper_8, Lora hashes: "a: 1, b: 2"',
].join('\n');

/** A ComfyUI API graph: sampler ← (conditioning combine ← two encoders), seed from a primitive. */
export function comfyGraph(): Record<string, unknown> {
  return {
    '3': {
      class_type: 'KSampler',
      inputs: {
        seed: ['10', 0],
        steps: 30,
        cfg: 4.5,
        sampler_name: 'euler',
        scheduler: 'normal',
        denoise: 1,
        model: ['11', 0],
        positive: ['9', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
      },
    },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'juggernaut_xl.safetensors' } },
    '11': { class_type: 'LoraLoader', inputs: { model: ['4', 0], clip: ['4', 1], lora_name: 'ink.safetensors' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 640, batch_size: 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a glass greenhouse in the snow', clip: ['11', 1] } },
    '8': { class_type: 'CLIPTextEncode', inputs: { text: 'volumetric morning light', clip: ['11', 1] } },
    '9': { class_type: 'ConditioningCombine', inputs: { conditioning_1: ['6', 0], conditioning_2: ['8', 0] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: 'people, text', clip: ['11', 1] } },
    '10': { class_type: 'PrimitiveNode', inputs: { value: 8675309 } },
  };
}
