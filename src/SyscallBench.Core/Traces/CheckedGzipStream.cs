using System.Buffers.Binary;
using System.IO.Compression;

namespace SyscallBench.Core.Traces;

/// <summary>
/// A gzip file's decompressed content that fails, naming the file, when the file is damaged or cut short.
/// </summary>
/// <remarks>
/// GZipStream reads a file cut off inside its compressed data as if it ended there (a cut trace loses its
/// end and its last number is shortened, silently), and reports damaged data as a bare InvalidDataException.
/// So the file's trailer, its last 8 bytes (CRC-32 and ISIZE, the content's length mod 2^32, of the last gzip
/// member), is read first and checked when the content has been read to its end; a reader that stops
/// early (format detection) checks nothing, the full read that follows does. A file of several
/// concatenated gzip members fails the check: its trailer covers only the last member.
/// </remarks>
internal sealed class CheckedGzipStream : CrcCheckedReadStream
{
    /// <summary>The smallest gzip file: a 10-byte header, an empty deflate block, an 8-byte trailer.</summary>
    private const int MinimumLength = 20;

    private readonly string _path;
    private readonly GZipStream _inner;
    private readonly uint _expectedCrc;
    private readonly uint _expectedLength;

    /// <summary>Takes ownership of <paramref name="file"/>, positioned anywhere.</summary>
    public CheckedGzipStream(FileStream file, string path)
    {
        _path = path;
        if (file.Length < MinimumLength)
        {
            throw Damaged($"{file.Length} bytes, shorter than any gzip file");
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = 0;
        _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        _inner = new GZipStream(file, CompressionMode.Decompress);
    }

    private protected override Stream Inner => _inner;

    private protected override void CheckEnd(long length, uint crc)
    {
        if ((uint)length != _expectedLength)
        {
            throw Damaged($"{length} bytes decompressed, but the gzip trailer records {_expectedLength} (mod 2^32): the file is cut short or damaged");
        }

        if (crc != _expectedCrc)
        {
            throw Damaged("the content's CRC-32 differs from the gzip trailer's");
        }
    }

    private protected override SyscallBenchException Damaged(string reason, Exception? inner = null)
    {
        var message = $"{_path}: damaged gzip file ({reason})";
        return inner is null ? new SyscallBenchException(message) : new SyscallBenchException(message, inner);
    }
}
