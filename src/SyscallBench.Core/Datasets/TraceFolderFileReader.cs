using System.Globalization;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Datasets;

/// <summary>
/// Reads the files of one trace folder into (id, calls) pairs, whatever their format, and keeps what it saw for
/// the dataset's notes: files per format, skipped malformed strace lines, truncated last lines.
/// </summary>
internal sealed class TraceFolderFileReader(TraceFolderOptions options)
{
    private readonly SyscallNames _names = SyscallNames.ForArchitecture(options.Architecture)
        ?? throw new DatasetException($"unknown architecture '{options.Architecture}'.");

    private readonly Dictionary<TraceFileFormat, int> _filesByFormat = [];
    private readonly List<string> _malformedExamples = [];
    private readonly List<string> _truncated = [];
    private long _malformedLines;
    private int _filesWithMalformedLines;
    private int _processesWithoutCalls;

    /// <summary>The numbering the traces use (<see cref="TraceFolderOptions.Architecture"/>, normalized).</summary>
    public string Architecture => _names.Architecture;

    /// <param name="file">The full path.</param>
    /// <param name="id">The file as written in labels.csv: the trace id, or its prefix for per-process traces.</param>
    /// <param name="attackStart">For recordings (<see cref="TraceFolderOptions.Streams"/>): when the attack started, seconds on the file's clock.</param>
    /// <returns>The traces with, for recordings, their timelines.</returns>
    public IEnumerable<(string Id, int[] Calls, TraceTimeline? Timeline)> Read(string file, string id, double? attackStart = null)
    {
        var format = options.Format == TraceFileFormat.Auto
            ? TraceFileFormats.Of(file)
            : options.Format;
        _filesByFormat[format] = _filesByFormat.GetValueOrDefault(format) + 1;
        return format switch
        {
            TraceFileFormat.Numbers => [(id, TraceFileParser.ParseFile(file), Untimed(attackStart, file))],
            TraceFileFormat.Names => [(id, TraceFileParser.ParseNamesFile(file, _names), Untimed(attackStart, file))],
            _ when options.Streams is { } streams => [ReadStraceRecording(file, id, streams, attackStart)],
            _ => ReadStrace(file, id).Select(t => (t.Id, t.Calls, (TraceTimeline?)null)),
        };
    }

    /// <summary>A file without pids or times (numbers, names): a one-stream recording without times when streams are asked for, else a plain trace.</summary>
    private TraceTimeline? Untimed(double? attackStart, string file) =>
        options.Streams is null ? null
        : attackStart is null ? new TraceTimeline(["all"], null, null)
        : throw new DatasetException($"{file}: attack_start needs times, which a file of syscall numbers or names does not have.");

    /// <summary>A strace file as one recording: its calls in file order, each in its pid's stream (or one stream), with their times.</summary>
    private (string Id, int[] Calls, TraceTimeline? Timeline) ReadStraceRecording(string file, string id, RecordingStreams streams, double? attackStart)
    {
        var result = StraceFile.Read(file, StraceGrouping.File, new StraceReaderOptions { Strict = options.Strict, Names = _names });
        Remember(result);
        var builder = new RecordingBuilder(file, streams);
        foreach (var e in result.Traces[0].Calls)
        {
            builder.Add(e.Pid, e.Pid, "", e.Time is { } t ? (long)Math.Round(t * 1e9) : null, e.Number, e.Line);
        }

        if (builder.Calls == 0)
        {
            throw new DatasetException($"{file}: empty trace (no system calls in the strace output).");
        }

        if (attackStart is not null && builder.Origin is null)
        {
            throw new DatasetException($"{file}: attack_start needs times, but this strace output has none (record with strace -tt or -ttt).");
        }

        var trace = builder.Build(id, TraceLabel.Normal, null, attackStart is { } a ? (long)Math.Round(a * 1e9) : null);
        return (id, trace.Calls, trace.Timeline);
    }

    /// <summary>Facts for the dataset's provenance notes; a WARNING note when strace lines were skipped.</summary>
    public IEnumerable<string> Notes()
    {
        yield return "files by format: " + string.Join(", ", _filesByFormat.OrderBy(p => p.Key)
            .Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value.ToString(CultureInfo.InvariantCulture)}"));
        yield return $"syscall numbering: {_names.Architecture}";
        if (_filesByFormat.ContainsKey(TraceFileFormat.Strace))
        {
            yield return options.Streams is { } streams
                ? $"strace files read as recordings (the decision unit) with {(streams == RecordingStreams.Process ? "one stream per pid" : "one stream")}, "
                    + "the sequences detectors see; a recording's score is its worst window"
                : $"strace files split by {(options.SplitBy == StraceGrouping.Process ? "process" : "file")}"
                    + (_processesWithoutCalls > 0 ? $"; {Count(_processesWithoutCalls)} processes without calls (only signals or exits) left out" : "");
        }

        if (_malformedLines > 0)
        {
            yield return $"WARNING: {Count(_malformedLines)} malformed strace lines in {Count(_filesWithMalformedLines)} files skipped "
                + $"(set strict: true to fail instead); first: {string.Join(" | ", _malformedExamples)}";
        }

        if (_truncated.Count > 0)
        {
            yield return $"{Count(_truncated.Count)} strace files end in a truncated line (read up to it): {string.Join(" | ", _truncated.Take(3))}";
        }
    }

    private IEnumerable<(string Id, int[] Calls)> ReadStrace(string file, string id)
    {
        var result = StraceFile.Read(file, options.SplitBy, new StraceReaderOptions { Strict = options.Strict, Names = _names });
        Remember(result);
        var traces = result.Traces.Select(t => (Id: t.Pid is null ? id : $"{id}#{t.Key}", Calls: t.CallNumbers())).ToList();
        _processesWithoutCalls += options.SplitBy == StraceGrouping.Process ? traces.RemoveAll(t => t.Calls.Length == 0) : 0;
        if (traces.Count == 0 || traces.All(t => t.Calls.Length == 0))
        {
            var why = result.MalformedLines > 0
                ? $"; {Count(result.MalformedLines)} malformed lines, first {result.MalformedExamples[0]}. "
                    + "If the file is not strace output, set format: numbers or names"
                : "";
            throw new DatasetException($"{file}: empty trace (no system calls in the strace output{why}).");
        }

        return traces;
    }

    private void Remember(StraceFileResult result)
    {
        if (result.MalformedLines > 0)
        {
            _malformedLines += result.MalformedLines;
            _filesWithMalformedLines++;
            _malformedExamples.AddRange(result.MalformedExamples.Take(3 - Math.Min(3, _malformedExamples.Count)));
        }

        if (result.TruncatedLastLine is { } truncated)
        {
            _truncated.Add(truncated);
        }
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
