using System.Globalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>
/// The Leipzig Intrusion Detection Data Set (LID-DS 2019 and 2021): Docker scenarios recorded with sysdig, normal
/// recordings and recordings in which an exploit starts at a known time. Each recording is one trace (the decision unit)
/// with a <see cref="TraceTimeline"/>: its calls' threads, processes and times and the exploit start.
/// </summary>
/// <remarks>
/// <para>Splits follow LID-DS's own loaders: 2021 training/ trains, validation/ validates (normal recordings for thresholds,
/// never fitted on), test/*/ tests; 2019 (runs.csv) the first 200 normal runs train, the next 50 validate, the rest and
/// every exploit run test. A recording is an attack when its metadata says <c>exploit</c>; its family is the JSON's
/// <c>exploit_name</c> when that says more than "default", else the scenario's folder name (a single recording: its image).</para>
/// <para>Exploit start: 2021 <c>time.exploit[0].absolute</c>, exactly as written; 2019 <c>exploit_start_time</c> seconds after
/// the recording began, which its first event stands for (the 2019 recording framework started the exploit's timer that
/// long after starting sysdig). LID-DS's own 2019 loader places it at warmup_time − 2 s instead; that differs from how
/// the runs were recorded, so it is not followed here.</para>
/// <para>Recordings are read in parallel, each streamed from its zip or file (never extracted; .pcap and .res are not
/// opened): memory holds the calls, streams and times kept (16 bytes a call), not the files. Calls are the '&gt;' event
/// lines by default, numbered by the x86-64 table LID-DS was recorded on. Recordings without calls are skipped and named
/// in a WARNING note; any other problem (damaged zip, missing .sc or .json, malformed line, an exploit without its time,
/// time going backwards in a thread) fails the load naming the file and line, unless skip_damaged asks to skip it too.</para>
/// <para>Cite: M. Grimmer, M. M. Röhling, D. Kreußel, S. Ganz, "A Modern and Sophisticated Host Based Intrusion Detection
/// Data Set", IT-Sicherheit als Voraussetzung für eine erfolgreiche Digitalisierung, 2019.</para>
/// </remarks>
public static class LidDsDataset
{
    public const string TypeName = "lid-ds";

    /// <summary>How many skipped recordings a WARNING note names.</summary>
    private const int NamedInNotes = 5;

    public static DatasetDescriptor Descriptor { get; } = DatasetDescriptor.Create<LidDsOptions>(
        TypeName,
        "LID-DS 2019/2021 container recordings (sysdig) with exploit start times: a scenario folder or one recording",
        Load);

    public static LabeledDataset Load(LidDsOptions options, DatasetContext context)
    {
        var path = context.Resolve(options.Path);
        var layout = LidDsLayout.Find(path, options);
        if (layout.Version == "2019" && options.Streams == RecordingStreams.Process)
        {
            throw new DatasetException($"{path}: streams: process needs pids, which LID-DS 2019 files do not have; use thread or recording.");
        }

        context.Status?.Report($"reading LID-DS {layout.Version} {(layout.IsSingleRecording ? "recording" : "scenario")} {layout.Scenario} ({layout.Recordings.Count} recordings)");
        var reads = ReadAll(layout, options, context.Status);
        var duplicate = reads.GroupBy(r => r.Source.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DatasetException($"{path}: recording name '{duplicate.Key}' appears twice ({string.Join(" and ", duplicate.Select(r => r.Source.Location))}).");
        }

        var read = reads.Where(r => r.Trace is not null).ToArray();
        if (layout.IsSingleRecording && read.Length == 0)
        {
            throw new DatasetException($"{path}: the recording cannot be used ({reads[0].Skipped}).");
        }

        var (train, validation, test) = layout.IsSingleRecording
            ? SplitSingle(read.Single().Trace!, options, path)
            : SplitScenario(read, options);
        Check(path, layout, train, validation, test);
        train.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        validation.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        test.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var notes = Notes(path, layout, options, reads, train, validation, test);
        var provenance = new DatasetProvenance(TypeName, path, DatasetHash.Compute(train, test), notes, SyscallNames.X86_64.Architecture);
        return new LabeledDataset(TypeName, train, test, provenance) { Validation = validation, ValidationSource = ValidationSource(layout, options) };
    }

    /// <summary>Which recordings validate, in words, for reports.</summary>
    private static string ValidationSource(LidDsLayout layout, LidDsOptions options) =>
        layout.IsSingleRecording
            ? $"the recording's {options.ValidationSegments} slices of {options.SegmentSeconds.ToString(CultureInfo.InvariantCulture)} s after its {options.TrainSegments} training slices"
            : layout.Version == "2019"
                ? $"the {options.ValidationRuns} normal runs of runs.csv after the {options.TrainRuns} training runs (LID-DS's 2019 loader)"
                : "the scenario's validation/ recordings";

    /// <summary>Every recording read, in parallel, in the layout's order; the first failure (in that order) is thrown.</summary>
    private static LidDsRead[] ReadAll(LidDsLayout layout, LidDsOptions options, IProgress<string>? status)
    {
        var sources = layout.Recordings;
        var reads = new LidDsRead?[sources.Count];
        var failures = new SyscallBenchException?[sources.Count];
        var done = 0;
        var statusLock = new object();
        var every = Math.Max(1, sources.Count / 20);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ReadThreads > 0 ? options.ReadThreads : Environment.ProcessorCount };
        Parallel.For(0, sources.Count, parallel, (i, loop) =>
        {
            try
            {
                try
                {
                    reads[i] = LidDsRecordingReader.Read(sources[i], options, metadata => Family(metadata, layout));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new DatasetException($"{sources[i].Location}: cannot be read ({e.Message}).", e);
                }
            }
            catch (SyscallBenchException e) when (options.SkipDamaged)
            {
                reads[i] = new LidDsRead(sources[i], null, 0, 0, e.Message);
            }
            catch (SyscallBenchException e)
            {
                failures[i] = e;
                loop.Break(); // every earlier recording still runs, so the error reported is the first in order
            }

            var finished = Interlocked.Increment(ref done);
            if (status is not null && (finished % every == 0 || finished == sources.Count))
            {
                lock (statusLock)
                {
                    status.Report($"read {finished.ToString(CultureInfo.InvariantCulture)} of {sources.Count.ToString(CultureInfo.InvariantCulture)} recordings");
                }
            }
        });

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure is DatasetException ? failure : new DatasetException(failure.Message, failure);
        }

        return reads.Select(r => r!).ToArray();
    }

    private static string Family(LidDsMetadata metadata, LidDsLayout layout) =>
        metadata.ExploitName is { Length: > 0 } name && name != "default" ? name
        : layout.IsSingleRecording ? metadata.Image ?? layout.Scenario
        : layout.Scenario;

    private static (List<Trace> Train, List<Trace> Validation, List<Trace> Test) SplitScenario(IReadOnlyList<LidDsRead> reads, LidDsOptions options)
    {
        var train = new List<Trace>();
        var validation = new List<Trace>();
        var test = new List<Trace>();
        foreach (var read in reads)
        {
            var side = read.Source.Split switch
            {
                LidDsSplit.Training => train,
                LidDsSplit.Validation => validation,
                _ => test,
            };
            side.AddRange(options.SegmentSeconds > 0 ? RecordingSegments.Cut(read.Trace!, options.SegmentSeconds) : [read.Trace!]);
        }

        return (train, validation, test);
    }

    /// <summary>One recording: its first train_segments slices train, the next validation_segments validate, the rest test.</summary>
    private static (List<Trace> Train, List<Trace> Validation, List<Trace> Test) SplitSingle(Trace recording, LidDsOptions options, string path)
    {
        if (options.SegmentSeconds <= 0 || options.TrainSegments < 1)
        {
            throw new DatasetException($"{path}: a single recording gives nothing to fit on: set segment_seconds (e.g. 1) and train_segments "
                + "(e.g. 4) to train on its first slices, validation_segments to set thresholds on the next ones, and test on the rest.");
        }

        var segments = RecordingSegments.Cut(recording, options.SegmentSeconds);
        var held = options.TrainSegments + options.ValidationSegments;
        if (segments.Take(held).FirstOrDefault(s => s.IsAttack) is { } attack)
        {
            throw new DatasetException($"{path}: slice {attack.Id} is needed for training or validation but reaches past the exploit start; "
                + "use fewer or shorter slices (detectors fit on normal behaviour only, thresholds come from normal slices only).");
        }

        if (segments.Count <= held)
        {
            throw new DatasetException($"{path}: the recording gives {segments.Count} slices of {options.SegmentSeconds.ToString(CultureInfo.InvariantCulture)} s, "
                + $"but train_segments + validation_segments take {held}: nothing would be left to test.");
        }

        return ([.. segments.Take(options.TrainSegments)], [.. segments.Skip(options.TrainSegments).Take(options.ValidationSegments)], [.. segments.Skip(held)]);
    }

    private static void Check(string path, LidDsLayout layout, List<Trace> train, List<Trace> validation, List<Trace> test)
    {
        if (train.Count == 0 || test.Count == 0)
        {
            throw new DatasetException($"{path}: needs training and test recordings; found {train.Count} training and {test.Count} test "
                + (layout.Version == "2019" ? "(2019: train_runs and validation_runs take the first normal runs of runs.csv)." : "(2021: training/ and test/*/ folders)."));
        }

        if (train.Concat(validation).FirstOrDefault(t => t.IsAttack) is { } attack)
        {
            throw new DatasetException($"{attack.Source}: recording {attack.Id} is an exploit recording in the training or validation set; those hold normal behaviour only.");
        }
    }

    private static List<string> Notes(string path, LidDsLayout layout, LidDsOptions options, IReadOnlyList<LidDsRead> reads,
        IReadOnlyList<Trace> train, IReadOnlyList<Trace> validation, IReadOnlyList<Trace> test)
    {
        var calls = options.Direction switch
        {
            CallDirection.Enter => "'>' (call entered) events",
            CallDirection.Exit => "'<' (call returned) events",
            _ => "'>' and '<' events (every call twice)",
        };
        var notes = new List<string>
        {
            $"read LID-DS {layout.Version} {(layout.IsSingleRecording ? "recording" : "scenario")} {layout.Scenario} ({layout.Storage}) from {path}: "
                + $"{Count(reads.Sum(r => r.Lines))} event lines in {Count(reads.Count)} recordings",
            $"calls: {calls}, numbered by the x86-64 table; streams: {options.Streams.ToString().ToLowerInvariant()} (the sequences detectors see; the recording is the decision unit)",
            CountNote("train", train),
            CountNote("validation (thresholds only)", validation),
            CountNote("test normal", test.Where(t => !t.IsAttack).ToArray()),
            CountNote("test attack", test.Where(t => t.IsAttack).ToArray()),
        };
        notes.AddRange(test.Where(t => t.IsAttack).GroupBy(t => t.Family!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => CountNote($"family {g.Key}", g.ToArray())));
        if (options.SegmentSeconds > 0)
        {
            notes.Add($"recordings cut into slices of {options.SegmentSeconds.ToString(CultureInfo.InvariantCulture)} s"
                + (layout.IsSingleRecording ? $": the first {options.TrainSegments} train, the next {options.ValidationSegments} validate, the rest test" : ""));
        }

        if (layout.Version == "2019")
        {
            notes.Add($"2019 split as LID-DS's loader: the first {options.TrainRuns} normal runs of runs.csv train, the next {options.ValidationRuns} validate; "
                + "exploit start = exploit_start_time after the run's first event");
        }

        var switches = reads.Sum(r => r.SwitchEvents);
        if (switches > 0)
        {
            notes.Add($"{Count(switches)} sysdig 'switch' (context switch) events skipped: they are not system calls");
        }

        var skipped = reads.Where(r => r.Skipped is not null).ToArray();
        if (skipped.Length > 0)
        {
            notes.Add($"WARNING: {Count(skipped.Length)} recordings skipped: "
                + string.Join(" | ", skipped.Take(NamedInNotes).Select(r => $"{r.Source.Location}: {r.Skipped}"))
                + (skipped.Length > NamedInNotes ? $" | and {Count(skipped.Length - NamedInNotes)} more" : ""));
        }

        var late = test.Where(t => t.IsAttack && t.Timeline!.AttackStart > t.Timeline.End).ToArray();
        if (late.Length > 0)
        {
            notes.Add($"WARNING: {Count(late.Length)} attack recordings end before their exploit starts (nothing after it to detect): "
                + string.Join(", ", late.Take(NamedInNotes).Select(t => t.Id)));
        }

        return notes;
    }

    private static string CountNote(string what, IReadOnlyCollection<Trace> traces) =>
        $"{what}: {Count(traces.Count)} recordings, {Count(traces.Sum(t => (long)t.Length))} calls, "
        + $"{Count(traces.Sum(t => (long)t.Timeline!.Streams.Count))} streams, "
        + $"{traces.Sum(t => t.Timeline!.Duration / 3600).ToString("0.###", CultureInfo.InvariantCulture)} h";

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
