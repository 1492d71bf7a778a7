using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Recording;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Commands;

public sealed class ScoreSettings : CommandSettings
{
    /// <summary>What a lone "-" argument becomes (see <see cref="CliApp.Run(string[])"/>).</summary>
    public const string StandardInput = "<stdin>";

    [CommandArgument(0, "[INPUT]")]
    [Description("What to score: a trace file (strace output, or a file of syscall numbers or names; .gz too), a LID-DS 2021 recording (.zip or .sc), a folder of them, or - for standard input as it arrives: strace output, or .sc lines (`record - --container X`). Or --dataset, --cgroup, --container instead.")]
    public string Input { get; init; } = "";

    [CommandOption("--model <MODEL_DIR>")]
    [Description("A saved model: RUN_DIR/models/NAME (or .../NAME/seed-N).")]
    public string Model { get; init; } = "";

    [CommandOption("--window-calls <N>")]
    [Description("Windows of N consecutive calls per process (default 100 unless --window-seconds is given).")]
    public int? WindowCalls { get; init; }

    [CommandOption("--window-seconds <T>")]
    [Description("Windows of T seconds per process instead (needs timed input: strace -tt or .sc lines, and timed normal traces to calibrate on: --calibrate, or a lid-ds run's recordings).")]
    public double? WindowSeconds { get; init; }

    [CommandOption("--context-calls <N>")]
    [Description("Calls before a window given to the detector as history (default 16).")]
    public int ContextCalls { get; init; } = WindowSpec.DefaultContextCalls;

    [CommandOption("--false-alarm-rate <RATE>")]
    [Description("Alert when a window scores above the threshold that at most this share of normal calibration windows pass (default 0.01).")]
    public double FalseAlarmRate { get; init; } = 0.01;

    [CommandOption("--calibrate <FOLDER_OR_LABELS>")]
    [Description("Set the threshold on the windows of these known-normal traces instead of the run's normal test traces: a folder (every file under it except *.csv and *.md), "
        + "a labels.csv (the files of its normal rows), or a trace file. Repeat it to give several.")]
    public string[] Calibrate { get; init; } = [];

    [CommandOption("--dataset <EXPERIMENT>")]
    [Description("Instead of INPUT: score the traces of this experiment's dataset, read as a run reads it (each trace is a process named by its id); pick them with --split and --label.")]
    public string? Dataset { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("With --dataset: only the traces of this split: train, validation or test (default: all).")]
    public string? Split { get; init; }

    [CommandOption("--label <LABEL>")]
    [Description("With --dataset: only normal or only attack traces (default: both).")]
    public string? Label { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Where calibrations are kept between calls (default results/.score-cache).")]
    public string Cache { get; init; } = Path.Combine("results", ".score-cache");

    [CommandOption("--format <FORMAT>")]
    [Description("table (default): alerts as they happen, then a table per process; jsonl: one JSON object per line for every window, alert and trace.")]
    public string Format { get; init; } = "table";

    [CommandOption("--top <K>")]
    [Description("Calls shown per alert, by position score (default 5).")]
    public int Top { get; init; } = 5;

    [CommandOption("--cgroup <PATH>")]
    [Description("Instead of INPUT: record this cgroup v2 with eBPF (as `record - --cgroup`) and score its .sc lines as they come, in one process.")]
    public string? Cgroup { get; init; }

    [CommandOption("--container <NAME_OR_ID>")]
    [Description("Instead of INPUT: record this Docker or Podman container (as `record - --container`) and score it live.")]
    public string? Container { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("With --cgroup or --container: stop after this many seconds (default: on Ctrl-C, or when the cgroup is removed).")]
    public double? Duration { get; init; }

    [CommandOption("--input-format <FORMAT>")]
    [Description("What standard input holds: auto (default: told by its first line), strace, or sc (sysdig .sc lines as `record -` writes them).")]
    public string InputFormat { get; init; } = "auto";

    [CommandOption("--streams <STREAMS>")]
    [Description(".sc input and recordings: thread (one stream per thread), process or recording. Default: as the model's lid-ds run read its recordings; thread for other models.")]
    public string? Streams { get; init; }

    [CommandOption("--max-processes <N>")]
    [Description("Processes followed at once; beyond that the least recently active is ended early (default 1024).")]
    public int MaxProcesses { get; init; } = WindowStream.DefaultMaxProcesses;

    [CommandOption("--max-trace-calls <N>")]
    [Description("Longest process given a whole-trace score; longer ones get window scores only (default 100000).")]
    public int MaxTraceCalls { get; init; } = WindowStream.DefaultMaxTraceCalls;

    public WindowSpec Window => new(WindowCalls ?? (WindowSeconds is null ? WindowSpec.DefaultCalls : null), WindowSeconds, ContextCalls);

    /// <summary>What the options ask <see cref="ScoreSession"/> to do.</summary>
    public ScoreRequest Request => new(Model, ReadsStandardInput || Input.Length == 0 ? null : Input, Window)
    {
        FalseAlarmRate = FalseAlarmRate,
        Calibrate = Calibrate,
        Dataset = Selection,
        CacheDirectory = Cache,
        MaxProcesses = MaxProcesses,
        MaxTraceCalls = MaxTraceCalls,
        TopPositions = Top,
        InputFormat = Enum.TryParse<ScoreInputFormat>(InputFormat, ignoreCase: true, out var format) ? format : ScoreInputFormat.Auto,
        Streams = Streams is null ? null : Enum.Parse<RecordingStreams>(Streams, ignoreCase: true),
    };

    public bool JsonLines => Format == "jsonl";

    /// <summary>What --dataset, --split and --label pick; null without --dataset.</summary>
    public DatasetSelection? Selection => Dataset is null ? null : new DatasetSelection(Dataset, Split, Label);

    /// <summary>Reads standard input, or the lines of a live capture (which take its place).</summary>
    public bool ReadsStandardInput => Input == StandardInput || CapturesLive;

    /// <summary>--cgroup or --container: the recorder runs in the process.</summary>
    public bool CapturesLive => Cgroup is not null || Container is not null;

    /// <summary>What --cgroup or --container ask the recorder (its lines go to the scorer, not to standard output).</summary>
    public RecordingRequest Recording => new()
    {
        Target = Cgroup is not null ? new RecordingTarget.Cgroup(Cgroup) : new RecordingTarget.Container(Container!),
        Output = RecordingRequest.StandardOutput,
        Duration = Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };

    public override ValidationResult Validate()
    {
        var problems = Window.Validate().ToList();
        var inputs = new[] { Input.Length > 0, Cgroup is not null, Container is not null, Dataset is not null }.Count(given => given);
        if (inputs != 1)
        {
            problems.Add("give exactly one of INPUT (a file, a folder or -), --cgroup PATH, --container NAME and --dataset EXPERIMENT "
                + $"({(inputs == 0 ? "none" : inputs.ToString(CultureInfo.InvariantCulture))} given)");
        }

        if ((Split ?? Label) is not null && Dataset is null)
        {
            problems.Add("--split and --label pick traces of --dataset EXPERIMENT; give it too");
        }

        problems.AddRange(Selection?.Validate() ?? []);

        if (Duration is { } duration && !(duration > 0 && double.IsFinite(duration)))
        {
            problems.Add($"--duration must be a positive number of seconds, got {duration.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (Duration is not null && !CapturesLive)
        {
            problems.Add("--duration goes with --cgroup or --container");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("--model is required: a saved model folder, RUN_DIR/models/NAME");
        }

        if (!(FalseAlarmRate > 0 && FalseAlarmRate < 1))
        {
            problems.Add($"--false-alarm-rate must lie strictly between 0 and 1, got {FalseAlarmRate.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (Format is not ("table" or "jsonl"))
        {
            problems.Add($"--format must be table or jsonl, got '{Format}'");
        }

        if (InputFormat is not ("auto" or "strace" or "sc"))
        {
            problems.Add($"--input-format must be auto, strace or sc, got '{InputFormat}'");
        }

        if (Streams is not (null or "thread" or "process" or "recording"))
        {
            problems.Add($"--streams must be thread, process or recording, got '{Streams}'");
        }

        if (Top < 1 || MaxProcesses < 1 || MaxTraceCalls < 0)
        {
            problems.Add("--top and --max-processes must be at least 1, --max-trace-calls at least 0");
        }

        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems.Distinct()));
    }
}
