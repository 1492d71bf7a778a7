namespace SyscallBench.Core.Traces;

/// <summary>
/// Opens trace files that may be gzip-compressed, recognised by gzip's magic bytes rather than the name. Every
/// reader of trace files goes through here, so a damaged or cut-off gzip file fails the same way everywhere:
/// a <see cref="SyscallBenchException"/> naming the file (see <see cref="CheckedGzipStream"/>).
/// </summary>
public static class MaybeGzippedFile
{
    /// <summary>A stream of the file's content, decompressed when the file starts with gzip's magic bytes 1f 8b.</summary>
    /// <exception cref="SyscallBenchException">When opened or read: the gzip file is damaged or cut short.</exception>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new CheckedGzipStream(file, path) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The whole (decompressed) content.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path);
        if (stream is FileStream plain)
        {
            var bytes = new byte[plain.Length];
            plain.ReadExactly(bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The file name without a ".gz" ending ("trace.1234.gz" -> "trace.1234").</summary>
    public static string NameWithoutGz(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
    }
}
