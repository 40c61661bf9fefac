"""Timing of series loading (not a test): raw read vs this loader vs a pydicom loop vs SimpleITK.

Run: .venv/bin/python tests/imaging/time_loader.py [--slices 200] [--size 512]
Writes a synthetic CT (realistic headers) to a temp dir, imports it into a temp encrypted workspace,
and prints best-of-N wall times and each one's throughput as a share of the raw read's.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pydicom

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support import FAST_KDF, PASSPHRASE  # noqa: E402
from synthetic import CODECS, write_ct_series  # noqa: E402

from reviewer.bench.common import drop_cache  # noqa: E402
from reviewer.imaging.volume import load_files, load_volume  # noqa: E402
from reviewer.packages.importer import import_path  # noqa: E402
from reviewer.workspace import Workspace  # noqa: E402


def proposed_readinto_at(self, offset: int, out) -> int:
    """Proposed public BlobReader.readinto_at (for reviewer/security/blobs.py): decrypts whole chunks
    straight into ``out``; only the partial chunks at either end pass through a small buffer."""
    mv = memoryview(out).cast("B")
    size = max(0, min(len(mv), self.size - offset))
    cs = self.chunk_size
    done = 0
    while done < size:
        pos = offset + done
        i, start = divmod(pos, cs)
        chunk_len = min(cs, self.size - i * cs)
        if start == 0 and size - done >= chunk_len:
            last = i
            while (last + 1) * cs < self.size and (last + 2) * cs <= offset + size:
                last += 1
            if (last + 1) * cs > self.size:
                last = i
            n = min(self.size, (last + 1) * cs) - i * cs
            self._decrypt_chunks(i, last, mv[done:done + n])
        else:
            n = min(chunk_len - start, size - done)
            mv[done:done + n] = self.pread(n, pos)
        done += n
    return size


def best(fn, n: int, before=None):
    times, out = [], None
    for _ in range(n):
        if before is not None:
            before()
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--slices", type=int, default=200)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--cold", action="store_true", help="drop the files from the page cache before each run")
    ap.add_argument("--codec", choices=sorted(CODECS), help="compress the series; compares with imagecodecs")
    ap.add_argument("--readinto-at", action="store_true",
                    help="measure with the proposed BlobReader.readinto_at (patched in for this run only)")
    args = ap.parse_args()
    if args.readinto_at:
        from reviewer.security.blobs import BlobReader
        BlobReader.readinto_at = proposed_readinto_at
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files, _ = write_ct_series(tmp / "ct", args.slices, args.size, codec=args.codec)
        nbytes = sum(f.stat().st_size for f in files)
        ws = Workspace.create(tmp / "ws", PASSPHRASE, passphrase_only=True, kdf=FAST_KDF)
        try:
            import_path(ws, tmp / "ct")
            [case] = ws.cases.list()
            [series] = ws.cases.get(case.id).series
            blob_paths = [ws.blobs.path(b) for b in series.blob_ids]

            def cold_files():
                if args.cold:
                    for f in files:
                        drop_cache(f)

            def cold_blobs():
                if args.cold:
                    for p in blob_paths:
                        drop_cache(p)

            def raw():
                total = 0
                for f in files:
                    with open(f, "rb") as fh:
                        total += len(fh.read())
                return total

            def pydicom_loop():
                vol = np.empty((len(files), args.size, args.size), np.int16)
                for i, f in enumerate(files):
                    ds = pydicom.dcmread(f)
                    vol[i] = ds.pixel_array * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
                return vol

            first = []

            def store_progressive():
                t0 = time.perf_counter()
                first.clear()

                def on_slice(index, done, total, image):
                    if not first:
                        first.append(time.perf_counter() - t0)
                return load_volume(series, ws.blobs, on_slice=on_slice)

            t_raw, _ = best(raw, args.repeat, cold_files)
            rows = [("raw read (plaintext files)", t_raw)]
            if args.codec:
                import imagecodecs
                from pydicom.encaps import generate_frames
                frames = [next(generate_frames(pydicom.dcmread(f).PixelData, number_of_frames=1)) for f in files]
                decode = {"jpeg-lossless": imagecodecs.jpeg8_decode, "jpegls": imagecodecs.jpegls_decode,
                          "j2k": imagecodecs.jpeg2k_decode, "htj2k": imagecodecs.htj2k_decode}[args.codec]
                t_codec, _ = best(lambda: [decode(fr) for fr in frames], args.repeat)
                rows.append((f"imagecodecs {args.codec} on the frames", t_codec))
            rows.append(("loader, plaintext files", best(lambda: load_files(files), args.repeat, cold_files)[0]))
            t_store, vol = best(lambda: load_volume(series, ws.blobs), args.repeat, cold_blobs)
            rows.append(("loader, encrypted store", t_store))
            t_prog, _ = best(store_progressive, 3, cold_blobs)
            if not args.codec:      # pydicom has no JPEG / JPEG-LS / HTJ2K decoder without plugins
                rows.append(("pydicom loop (dcmread + pixel_array)", best(pydicom_loop, 2, cold_files)[0]))
            try:
                import SimpleITK as sitk

                def itk():
                    r = sitk.ImageSeriesReader()
                    r.SetFileNames([str(f) for f in files])
                    return sitk.GetArrayViewFromImage(r.Execute())
                rows.append(("SimpleITK ImageSeriesReader", best(itk, 3, cold_files)[0]))
            except ImportError:
                pass
            print(f"{'cold' if args.cold else 'warm'} page cache; {len(files)} slices {args.size}x{args.size}, {nbytes / 1e6:.1f} MB, volume {vol.array.dtype} "
                  f"{vol.array.shape}, first slice at {first[0] * 1000:.1f} ms of {t_prog * 1000:.1f} ms "
                  f"({first[0] / t_prog:.1%})")
            for name, t in rows:
                print(f"  {name:40s} {t * 1000:8.1f} ms  {nbytes / t / 1e6:8.0f} MB/s  {t_raw / t:6.1%} of raw")
        finally:
            ws.close()


if __name__ == "__main__":
    main()
