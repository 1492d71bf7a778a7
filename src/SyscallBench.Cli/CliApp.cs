using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Cli.Commands;
using SyscallBench.Core;

namespace SyscallBench.Cli;

/// <summary>
/// The command line: `syscallbench EXPERIMENT.yaml` runs an experiment (the default command), plus
/// run, validate and list. Thin: parse arguments, call the library, show the result.
/// </summary>
public static class CliApp
{
    // The exit codes, documented in the README ("Exit codes"); every command uses these and no others.

    /// <summary>Everything asked for was done.</summary>
    public const int ExitOk = 0;

    /// <summary>Bad input (config, dataset, model files, arguments) or a failing environment (permissions, a full disk), or cancelled.</summary>
    public const int ExitUserError = 1;

    /// <summary>The run finished and its results are saved, but an exporter or the figures failed.</summary>
    public const int ExitExportFailed = 2;

    /// <summary>A bug: an unexpected exception, printed with its stack trace.</summary>
    public const int ExitInternalError = 3;

    /// <summary>A lone "-" after "--" on its way through Spectre's parser; a NUL cannot be part of a real argument.</summary>
    public const string LoneDashOfACommand = "\0-";

    public static int Run(string[] args) => Run(args, CancellationToken.None);

    /// <param name="args">The command line.</param>
    /// <param name="interrupt">Cancelled like a first Ctrl-C (tests stand in for the keyboard with it).</param>
    internal static int Run(string[] args, CancellationToken interrupt)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output (logs, CI) has no terminal width; the 80-column default would wrap
            // every number of the tables, and a log line can be long.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        }

        var app = new CommandApp<RunCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("dotnet run --");
            config.PropagateExceptions();
            // Help and parse errors go to the same console as everything else (tests swap it).
            config.ConfigureConsole(AnsiConsole.Console);
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run an experiment: fit every detector on the training normals, score the test set, evaluate, write results/.")
                .WithExample("run", "experiments/quickstart.yaml");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check an experiment file and report every error at once, without running it.")
                .WithExample("validate", "experiments/ngram-baselines.yaml");
            config.AddCommand<ExploreCommand>("explore")
                .WithDescription("Write the dataset overview (lengths, syscall frequencies, n-gram novelty) of an experiment's datasets, without fitting detectors.")
                .WithExample("explore", "experiments/ngram-baselines.yaml");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Regenerate report.html of a finished run from its saved files, without refitting.")
                .WithExample("report", "results/quickstart/20261128-141912-4c1019");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write an experiment's data for WEKA, scikit-learn or pandas: the n-gram feature matrices of its ocsvm and pca detectors exactly as they see them (train and test, labels, families, trace ids), and every trace as a sequence.")
                .WithExample("export", "experiments/svm-pca.yaml", "exported", "--format", "arff");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare two runs: what differs (config, dataset, code, machine), each detector's metrics in both, and paired tests (DeLong, paired bootstrap) of each detector across the runs when both scored the same test traces.")
                .WithExample("compare", "results/ngram-baselines/<run-a>", "results/ngram-baselines/<run-b>", "--html", "compare.html");
            config.AddCommand<RunsCommand>("runs")
                .WithDescription("List run folders, newest first: experiment, date, commit, dataset, detectors, best ROC AUC, status.")
                .WithExample("runs", "results", "--format", "json");
            config.AddCommand<MergeCommand>("merge")
                .WithDescription("Combine the run folders of every shard of a sharded run (--shard i/N) into one run folder and report.")
                .WithExample("merge", "results/quickstart/20261128-141912-4c1019-shard-1-of-2", "results/quickstart/20261128-141913-77aa01-shard-2-of-2");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Time fitting and scoring of an experiment's detectors (median of --repeat runs): syscalls/s on one thread and on all cores, allocation, peak memory.")
                .WithExample("bench", "experiments/ngram-baselines.yaml", "--repeat", "5");
            config.AddCommand<BenchTableCommand>("bench-table")
                .WithDescription("Print the README performance table (markdown) from files written by `bench --json`.")
                .WithExample("bench-table", "results/bench/adfa-ld.json", "results/bench/synthetic-x1.json");
            config.AddCommand<PredictCommand>("predict")
                .WithDescription("Show what a saved LSTM or n-gram model expects after a prefix of calls, with probabilities.")
                .WithExample("predict", "results/quickstart/<run-id>/models/ngram-3", "\"3 4 5\"", "--top", "5");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Score new traces with a saved model: trace scores, per-process window timelines, and alerts with explanations at a false-alarm rate set on normal windows.")
                .WithExample("score", "--model", "results/strace-sample/<run-id>/models/stide-6", "datasets/strace-sample/attack")
                .WithExample("score", "--model", "results/strace-sample/<run-id>/models/stide-6", "-", "--format", "jsonl")
                .WithExample("score", "--model", "results/strace-sample/<run-id>/models/stide-6", "--dataset", "experiments/strace-sample.yaml", "--split", "test", "--label", "attack");
            config.AddCommand<RecordCommand>("record")
                .WithDescription("Record system calls with eBPF (as root): a command in its own cgroup, a cgroup, a container, or every cgroup, into a LID-DS 2021 recording (NAME.zip) or as .sc lines on standard output.")
                .WithExample("record", "out.zip", "--", "bash", "-c", "\"cat /etc/hostname\"")
                .WithExample("record", "-", "--cgroup", "/sys/fs/cgroup/system.slice/nginx.service", "--duration", "60");
            config.AddCommand<ListCommand>("list")
                .WithDescription("List detector and dataset types with their parameters and defaults.");
            config.AddCommand<FitWorkerCommand>(Core.Running.Workers.FitWorkerProcess.Command)
                .IsHidden();
        });

        // Spectre.Console.Cli parses a lone "-" as an option without a name, so `score ... -` (standard
        // input, the Unix convention) is passed on under a name no option can have.
        // After "--" a "-" is a recorded command's own argument (`record out.zip -- cat -`), which Spectre would
        // refuse too: it travels as LoneDashOfACommand and the command turns it back.
        var commandStart = Array.IndexOf(args, "--");
        args = args.Select((a, i) => a != "-" ? a : commandStart < 0 || i < commandStart ? ScoreSettings.StandardInput : LoneDashOfACommand).ToArray();

        // The first Ctrl-C cancels the run's token: the unit in progress stops, finished units stay cached,
        // and no run folder is committed. A second Ctrl-C ends the process at once.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        System.Console.CancelKeyPress += onCancel;
        try
        {
            return app.Run(args, cancellation.Token);
        }
        catch (Exception e)
        {
            return Fail(e, args);
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Prints what went wrong, as the kind of failure calls for, and returns its exit code.</summary>
    internal static int Fail(Exception e, IReadOnlyList<string> args)
    {
        switch (e)
        {
            case CommandRuntimeException or CommandParseException when UnconvertibleOption(e.Message, args) is { } problem:
                AnsiConsole.MarkupLine("[red]error:[/] " + Markup.Escape(problem));
                return ExitUserError;
            case SyscallBenchException or CommandParseException or CommandRuntimeException:
                // Bad input (config, dataset, arguments): the message names the file and place; no stack trace.
                AnsiConsole.MarkupLine("[red]error:[/] " + Markup.Escape(e.Message));
                return ExitUserError;
            case IOException or UnauthorizedAccessException:
                // The environment, not the tool: a folder that cannot be written, a full disk, a path that is
                // a file. .NET's message names the path and the cause ("Access to the path '/x' is denied.",
                // "No space left on device : '/x'").
                AnsiConsole.MarkupLine("[red]error:[/] " + Markup.Escape(e.Message));
                return ExitUserError;
            case OperationCanceledException:
                AnsiConsole.MarkupLine("[yellow]cancelled[/]: the interrupted run wrote no run folder; its finished units are cached, so running the same command again resumes.");
                return ExitUserError;
            default:
                // A bug, not bad input: show everything needed for a report, and never a zero exit code.
                AnsiConsole.MarkupLine("[red]internal error[/] (please report it with the command and config):");
                AnsiConsole.WriteLine(e.ToString());
                return ExitInternalError;
        }
    }

    /// <summary>
    /// Spectre.Console.Cli reports a value its converter rejects as "Failed to convert 'abc' to Nullable`1.",
    /// naming neither the option nor what it takes; this names both.
    /// </summary>
    private static string? UnconvertibleOption(string message, IReadOnlyList<string> args)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert '(?<value>.*)' to (?<type>[^ ]+)\\.$");
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var option = args.Where((a, i) => a.StartsWith('-') && i + 1 < args.Count && args[i + 1] == value).FirstOrDefault()
            ?? args.FirstOrDefault(a => a.StartsWith('-') && a.EndsWith("=" + value, StringComparison.Ordinal))?.Split('=')[0];
        return $"{option ?? "an option"} '{value}': not a valid number.";
    }
}
