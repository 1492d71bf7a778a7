using System.Globalization;
using System.Text;
using SyscallBench.Core.Recording.LidDs;
using SyscallBench.Core.Recording.Linux;
using SyscallBench.Core.Recording.Sc;

namespace SyscallBench.Core.Recording;

/// <summary>
/// Where a recording's lines go: one NAME.zip, standard output, or (system-wide) one recording per cgroup in a folder,
/// opened when the cgroup's first event arrives.
/// </summary>
internal sealed class RecordingOutputs : IDisposable
{
    private readonly WallClock _clock = WallClock.Now();
    private readonly CgroupV2? _hierarchy;
    private readonly IReadOnlyList<Cgroup>? _cgroups;
    private readonly string? _folder;
    private readonly Dictionary<ulong, (LidDsRecordingFile File, ScWriter Writer, RecordedCgroup Cgroup)> _perCgroup = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<ulong, string> _cgroupPaths = new Dictionary<ulong, string>();
    private TextWriter? _standardOutput;
    private bool _ownsStandardOutput;
    private LidDsRecordingFile? _single;
    private ScWriter? _singleWriter;

    private RecordingOutputs(CgroupV2? hierarchy, IReadOnlyList<Cgroup>? cgroups, string? folder)
    {
        _hierarchy = hierarchy;
        _cgroups = cgroups;
        _folder = folder;
    }

    public static RecordingOutputs Open(RecordingRequest request, CgroupV2? hierarchy, IReadOnlyList<Cgroup>? cgroups)
    {
        if (request.Target is RecordingTarget.AllCgroups)
        {
            if (File.Exists(request.Output))
            {
                throw new SyscallBenchException($"{request.Output} is a file; --all writes one recording per cgroup into a folder.");
            }

            if (Directory.Exists(request.Output) && Directory.EnumerateFileSystemEntries(request.Output).Any())
            {
                throw new SyscallBenchException($"{request.Output} is not empty; --all writes one recording per cgroup into a new or empty folder.");
            }

            Directory.CreateDirectory(request.Output);
            var outputs = new RecordingOutputs(hierarchy, cgroups, request.Output);
            outputs._cgroupPaths = hierarchy?.PathsById() ?? outputs._cgroupPaths;
            return outputs;
        }

        var single = new RecordingOutputs(hierarchy, cgroups, null);
        if (request.WritesStandardOutput)
        {
            single._ownsStandardOutput = request.StandardOutputWriter is null;
            single._standardOutput = request.StandardOutputWriter ?? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            single._singleWriter = new ScWriter(single._standardOutput, single._clock);
        }
        else
        {
            single._single = LidDsRecordingFile.Create(request.Output);
            single._singleWriter = new ScWriter(single._single.Lines, single._clock);
        }

        return single;
    }

    public ScWriter WriterFor(ulong cgroupId)
    {
        if (_singleWriter is not null)
        {
            return _singleWriter;
        }

        if (_perCgroup.TryGetValue(cgroupId, out var open))
        {
            return open.Writer;
        }

        if (!_cgroupPaths.ContainsKey(cgroupId) && _hierarchy is not null)
        {
            _cgroupPaths = _hierarchy.PathsById(); // a cgroup made after the recording started
        }

        var path = _cgroupPaths.GetValueOrDefault(cgroupId);
        var file = LidDsRecordingFile.Create(Path.Combine(_folder!, UniqueName(path, cgroupId) + ".zip"));
        var writer = new ScWriter(file.Lines, _clock);
        _perCgroup[cgroupId] = (file, writer, new RecordedCgroup(path ?? "(unknown: removed before it was named)", cgroupId));
        return writer;
    }

    /// <summary>Pushes what standard output holds to the reader (live streaming).</summary>
    public void Flush() => _standardOutput?.Flush();

    /// <summary>Writes the recordings' files (nothing for standard output) and returns their paths.</summary>
    public IReadOnlyList<string> Complete(RecordingRequest request, RecorderInfo info, IReadOnlyList<ExploitTime> exploits, double start, double end, double? containerReady)
    {
        if (_standardOutput is not null)
        {
            _standardOutput.Flush();
            return [];
        }

        var recordings = _single is not null
            ? [(_single, _singleWriter!, _cgroups!.Select(c => new RecordedCgroup(c.Path, c.Id)).ToList())]
            : _perCgroup.Values.Select(v => (v.File, v.Writer, new List<RecordedCgroup> { v.Cgroup })).ToList();
        foreach (var (file, writer, cgroups) in recordings)
        {
            file.Complete(new RecordingMetadata
            {
                Name = file.Name,
                Image = request.Image ?? DefaultImage(request.Target, cgroups[0]),
                ContainerName = ContainerName(request.Target, cgroups[0]),
                ContainerIp = request.ContainerIp,
                ExploitName = request.ExploitName ?? exploits.FirstOrDefault()?.Name,
                Exploits = exploits,
                RecordingStartUnixSeconds = start,
                ContainerReadyUnixSeconds = containerReady,
                ContainerReadySource = request.ContainerReadyUnixSeconds is null ? RecordingJson.RecorderSource : ExploitLog.Source,
                RecordingSeconds = end - start,
                Recorder = info with { Events = writer.LinesWritten, Cgroups = cgroups },
            });
        }

        return recordings.Select(r => r.Item1.ZipPath).ToList();
    }

    public void Dispose()
    {
        if (_ownsStandardOutput)
        {
            _standardOutput?.Dispose();
        }

        _single?.Dispose();
        foreach (var (file, _, _) in _perCgroup.Values)
        {
            file.Dispose();
        }
    }

    private string DefaultImage(RecordingTarget target, RecordedCgroup cgroup) => target switch
    {
        RecordingTarget.Command command => Path.GetFileName(command.Arguments[0]),
        RecordingTarget.Container container => container.NameOrId,
        _ => RelativePath(cgroup.Path),
    };

    private string ContainerName(RecordingTarget target, RecordedCgroup cgroup) => target switch
    {
        RecordingTarget.Container container => container.NameOrId,
        RecordingTarget.Command => Path.GetFileName(cgroup.Path),
        _ => RelativePath(cgroup.Path),
    };

    private string RelativePath(string path) =>
        _hierarchy is not null && path.StartsWith(_hierarchy.MountPoint, StringComparison.Ordinal) ? "/" + path[_hierarchy.MountPoint.Length..].TrimStart('/') : path;

    /// <summary>A file name from the cgroup's path ("system.slice_cron.service"; "root" for the root), unique in the folder.</summary>
    private string UniqueName(string? path, ulong id)
    {
        var relative = path is null ? "" : RelativePath(path).Trim('/');
        var name = relative.Length == 0 ? (path is null ? "cgroup-" + id.ToString(CultureInfo.InvariantCulture) : "root") : new string(relative.Select(c =>
            char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_').ToArray());
        if (!_names.Add(name))
        {
            name += "-" + id.ToString(CultureInfo.InvariantCulture);
            _names.Add(name);
        }

        return name;
    }
}
