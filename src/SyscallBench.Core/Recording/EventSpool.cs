using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SyscallBench.Core.Recording;

/// <summary>
/// Keeps a recording's events in a temporary binary file while capturing, and replays them when capturing has
/// ended: for recordings written to files, the work of reordering and formatting .sc lines is done after the
/// recorded programs have finished, instead of competing with them for the CPU while they run.
/// </summary>
/// <remarks>
/// Measured (README, "Recording"): formatting and reordering every event as it arrived made the recorder's own
/// thread the largest part of the overhead on a busy 2-core machine; appending a 48-byte record costs a few ns.
/// Process names are stored once, as an index into a table kept in memory.
/// </remarks>
public sealed class EventSpool : ICaptureSink, IDisposable
{
    private const int BufferBytes = 1 << 20;

    private readonly string _path;
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly Dictionary<string, int> _nameIndex = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<(long Position, long Count)> _lost = [];
    private readonly LostEventWarnings _warnings;
    private int _used;

    /// <param name="folder">Where the temporary file goes (beside the recording, so it is on the same disk).</param>
    /// <param name="warnings">Told of lost events as they are reported, for the console.</param>
    public EventSpool(string folder, LostEventWarnings warnings)
    {
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, $".syscallbench-spool-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        _file = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        _warnings = warnings;
    }

    /// <summary>Events spooled so far.</summary>
    public long Events { get; private set; }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Record
    {
        public long MonotonicNs;
        public ulong CgroupId;
        public long ReturnValue;
        public int UserId;
        public int Pid;
        public int Tid;
        public int Syscall;
        public int NameIndex;
        public int Direction;
    }

    public void Event(in SyscallEvent e)
    {
        if (!_nameIndex.TryGetValue(e.ProcessName, out var index))
        {
            index = _names.Count;
            _names.Add(e.ProcessName);
            _nameIndex[e.ProcessName] = index;
        }

        var size = Unsafe.SizeOf<Record>();
        if (_used + size > BufferBytes)
        {
            WriteBuffer();
        }

        var record = new Record
        {
            MonotonicNs = e.MonotonicNs,
            CgroupId = e.CgroupId,
            ReturnValue = e.ReturnValue,
            UserId = e.UserId,
            Pid = e.Pid,
            Tid = e.Tid,
            Syscall = e.Syscall,
            NameIndex = index,
            Direction = (int)e.Direction,
        };
        MemoryMarshal.Write(_buffer.AsSpan(_used), in record);
        _used += size;
        Events++;
    }

    /// <summary>Lost counts are warned about now and replayed at the point of the stream where they were reported.</summary>
    public void Lost(long count)
    {
        _lost.Add((Events, count));
        _warnings.Add(count);
    }

    /// <summary>Nothing to release while spooling: the replay puts events in order.</summary>
    public void Drained(long monotonicNs)
    {
    }

    /// <summary>Hands every spooled event, and the lost counts where they came, to <paramref name="target"/>, in arrival order.</summary>
    public void Replay(ICaptureSink target)
    {
        WriteBuffer();
        _file.Position = 0;
        var size = Unsafe.SizeOf<Record>();
        var lost = 0;
        long replayed = 0;
        int read;
        while ((read = ReadFull(_buffer.AsSpan(0, BufferBytes / size * size))) > 0)
        {
            for (var offset = 0; offset + size <= read; offset += size)
            {
                while (lost < _lost.Count && _lost[lost].Position == replayed)
                {
                    target.Lost(_lost[lost++].Count);
                }

                var r = MemoryMarshal.Read<Record>(_buffer.AsSpan(offset));
                target.Event(new SyscallEvent(r.MonotonicNs, r.CgroupId, r.UserId, r.Pid, r.Tid, _names[r.NameIndex], r.Syscall, (SyscallDirection)r.Direction, r.ReturnValue));
                replayed++;
            }
        }

        while (lost < _lost.Count)
        {
            target.Lost(_lost[lost++].Count);
        }
    }

    public void Dispose()
    {
        _file.Dispose(); // DeleteOnClose removes the file
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    private void WriteBuffer()
    {
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }

    private int ReadFull(Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = _file.Read(buffer[total..])) > 0)
        {
            total += read;
        }

        return total;
    }
}
