using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>Which sysdig event lines are calls.</summary>
public enum CallDirection
{
    /// <summary>'&gt;' lines: one per call, when it is entered.</summary>
    Enter,

    /// <summary>'&lt;' lines: one per call, when it returns.</summary>
    Exit,

    /// <summary>Both: every call twice.</summary>
    Both,
}

/// <summary>Options of the `lid-ds` dataset type.</summary>
public sealed class LidDsOptions : IOptions
{
    public const string AutoVersion = "auto";

    [Description("A LID-DS scenario folder (2021: training/, validation/, test/normal/, test/normal_and_attack/ holding recording zips "
        + "or unzipped recordings; 2019: runs.csv and one NAME.txt per run) or a single 2021 recording (NAME.zip, or a folder with "
        + "NAME.sc and NAME.json), relative to the experiment file.")]
    [PathOption]
    public string Path { get; init; } = "";

    [Description("auto (told by the layout: runs.csv means 2019), 2019 or 2021.")]
    public string Version { get; init; } = AutoVersion;

    [Description("The sequences detectors fit on and score: thread (one per thread id, like LID-DS's thread-aware detectors), "
        + "process (one per pid; 2021 only, 2019 files have no pid) or recording (all calls interleaved). The decision unit is always the recording.")]
    public RecordingStreams Streams { get; init; } = RecordingStreams.Thread;

    [Description("Which event lines are calls: enter ('>'), exit ('<') or both (every call twice).")]
    public CallDirection Direction { get; init; } = CallDirection.Enter;

    [Description("Skip recordings that cannot be read (a damaged zip, no .sc or .json, an attack without an exploit time), counted and "
        + "named in a WARNING note, instead of failing. Recordings without calls are always skipped that way: LID-DS 2021 ships some.")]
    public bool SkipDamaged { get; init; }

    [Description("LID-DS 2019: how many of the first normal runs of runs.csv are training (LID-DS's own loader: 200).")]
    public int TrainRuns { get; init; } = 200;

    [Description("LID-DS 2019: how many normal runs after the training ones are validation, for thresholds (LID-DS's own loader: 50). "
        + "The other normal runs and every attack run are test.")]
    public int ValidationRuns { get; init; } = 50;

    [Description("Cut every recording into consecutive slices of this many seconds, each its own recording (0: whole recordings). "
        + "A slice reaching past the exploit start is an attack. What makes a single recording usable: its first slices train and validate.")]
    public double SegmentSeconds { get; init; }

    [Description("For a single recording cut into slices: how many of its first slices are training (they must end before the exploit).")]
    public int TrainSegments { get; init; }

    [Description("For a single recording cut into slices: how many slices after the training ones are validation (thresholds).")]
    public int ValidationSegments { get; init; }

    [Description("Recordings read at once (0: one per core).")]
    public int ReadThreads { get; init; }

    public IEnumerable<OptionError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return new OptionError(nameof(Path), "is required: a LID-DS scenario folder or one recording");
        }

        if (Version is not (AutoVersion or "2019" or "2021"))
        {
            yield return new OptionError(nameof(Version), $"must be auto, 2019 or 2021, got '{Version}'");
        }

        if (Version == "2019" && Streams == RecordingStreams.Process)
        {
            yield return new OptionError(nameof(Streams), "process needs pids, which LID-DS 2019 files do not have: use thread or recording");
        }

        if (TrainRuns < 1 || ValidationRuns < 0)
        {
            yield return new OptionError(TrainRuns < 1 ? nameof(TrainRuns) : nameof(ValidationRuns),
                $"must be at least {(TrainRuns < 1 ? 1 : 0)}, got {(TrainRuns < 1 ? TrainRuns : ValidationRuns).ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(SegmentSeconds >= 0 && double.IsFinite(SegmentSeconds)))
        {
            yield return new OptionError(nameof(SegmentSeconds), $"must be 0 (off) or a positive number of seconds, got {SegmentSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (TrainSegments < 0 || ValidationSegments < 0)
        {
            yield return new OptionError(TrainSegments < 0 ? nameof(TrainSegments) : nameof(ValidationSegments), "must be at least 0");
        }

        if (SegmentSeconds == 0 && (TrainSegments > 0 || ValidationSegments > 0))
        {
            yield return new OptionError(nameof(SegmentSeconds), "is needed (above 0) when train_segments or validation_segments are given");
        }

        if (ReadThreads < 0)
        {
            yield return new OptionError(nameof(ReadThreads), "must be at least 0 (0: one per core)");
        }
    }
}
