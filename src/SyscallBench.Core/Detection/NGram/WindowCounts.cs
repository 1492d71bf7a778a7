namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// How often each distinct fixed-width window occurred: the one counting structure behind stide,
/// t-stide (window sets with frequencies) and the n-gram language model (n-gram counts).
/// </summary>
public sealed class WindowCounts
{
    private const int Magic = 0x4E574253; // "SBWN" little-endian: SyscallBench WiNdows
    private const int FormatVersion = 1;

    private readonly WindowIndex _index;
    private long[] _counts;

    public WindowCounts(int width)
    {
        _index = new WindowIndex(width);
        _counts = new long[16];
    }

    public int Width => _index.Width;

    /// <summary>Number of distinct windows.</summary>
    public int Distinct => _index.Count;

    /// <summary>Number of windows added, with repetition.</summary>
    public long Total { get; private set; }

    /// <summary>The distinct window with dense index <paramref name="index"/> (first-seen order).</summary>
    public ReadOnlySpan<int> WindowAt(int index) => _index[index];

    /// <summary>The count of the distinct window with dense index <paramref name="index"/>.</summary>
    public long CountAt(int index) => _counts[index];

    /// <summary>How often <paramref name="window"/> was added; 0 when never. Thread-safe once filled.</summary>
    public long CountOf(ReadOnlySpan<int> window)
    {
        var index = _index.IndexOf(window);
        return index < 0 ? 0 : _counts[index];
    }

    /// <summary>The dense index of <paramref name="window"/> (its hash already rolled), or -1. Thread-safe once filled.</summary>
    internal int IndexOfHashed(ReadOnlySpan<int> window, int hash) => _index.IndexOfHashed(window, hash);

    public void Add(ReadOnlySpan<int> window, long count = 1) => AddHashed(window, WindowHash.Of(window), count);

    /// <summary>As <see cref="Add"/>, with the window's hash already rolled (a distinct name, so an int count never binds to the hash).</summary>
    internal void AddHashed(ReadOnlySpan<int> window, int hash, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (window.Length != Width)
        {
            throw new ArgumentException($"Window has {window.Length} ids; these counts hold windows of {Width}.", nameof(window));
        }

        var index = _index.GetOrAddHashed(window, hash);
        if (index >= _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
        }

        _counts[index] += count;
        Total += count;
    }

    /// <summary>
    /// Writes a compact little-endian binary file: magic, version, width, distinct count, then every
    /// window's ids and count in dense-index order, so <see cref="Load"/> rebuilds an identical index.
    /// </summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Width);
        writer.Write(Distinct);
        for (var i = 0; i < Distinct; i++)
        {
            foreach (var id in WindowAt(i))
            {
                writer.Write(id);
            }

            writer.Write(_counts[i]);
        }
    }

    /// <exception cref="SyscallBenchException">The file is missing, truncated or not a window-count file.</exception>
    public static WindowCounts Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: saved window counts are missing.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            if (reader.ReadInt32() != Magic)
            {
                throw new SyscallBenchException($"{path}: not a SyscallBench window-count file (bad magic number).");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new SyscallBenchException($"{path}: window-count format version {version} is not supported (expected {FormatVersion}).");
            }

            var width = reader.ReadInt32();
            var distinct = reader.ReadInt32();
            if (width < 0 || distinct < 0 || (long)distinct * ((width * 4L) + 8) != stream.Length - stream.Position)
            {
                throw new SyscallBenchException($"{path}: header (width {width}, {distinct} windows) does not match the file length {stream.Length}.");
            }

            var counts = new WindowCounts(width);
            var window = new int[width];
            for (var i = 0; i < distinct; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    window[j] = reader.ReadInt32();
                }

                var count = reader.ReadInt64();
                if (count <= 0)
                {
                    throw new SyscallBenchException($"{path}: window {i} has count {count}; counts must be positive.");
                }

                counts.Add(window, count);
                if (counts.Distinct != i + 1)
                {
                    throw new SyscallBenchException($"{path}: window {i} repeats an earlier window.");
                }
            }

            return counts;
        }
        catch (EndOfStreamException e)
        {
            throw new SyscallBenchException($"{path}: file is truncated.", e);
        }
    }
}
