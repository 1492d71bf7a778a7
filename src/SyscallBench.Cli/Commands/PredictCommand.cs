using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Commands;

public sealed class PredictSettings : CommandSettings
{
    [CommandArgument(0, "<MODEL_DIR>")]
    [Description("A saved model folder, e.g. results/lstm-vs-ocsvm/<run-id>/models/lstm/seed-1.")]
    public string ModelDirectory { get; init; } = "";

    [CommandArgument(1, "<PREFIX>")]
    [Description("The calls so far, from the start of a trace: syscall numbers or names (in the model's numbering: 32-bit x86 for ADFA-LD, x86-64 for strace data), separated by spaces or commas, e.g. \"execve brk 5 3\".")]
    public string Prefix { get; init; } = "";

    [CommandOption("--top <K>")]
    [Description("How many candidates to show (default 5).")]
    public int Top { get; init; } = 5;

    [CommandOption("--names")]
    [Description("Label syscalls with their names, in the model's numbering (32-bit x86 for ADFA-LD, x86-64 for strace data).")]
    public bool Names { get; init; }

    public override ValidationResult Validate() =>
        Top >= 1 ? ValidationResult.Success() : ValidationResult.Error("--top must be at least 1.");
}

/// <summary>
/// `predict MODEL_DIR PREFIX`: what a fitted language-model detector (LSTM, n-gram LM) expects next after
/// a prefix of calls, with probabilities: the "90% sure the next call is open" view.
/// </summary>
public sealed class PredictCommand : Command<PredictSettings>
{
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellationToken)
    {
        var names = NamesOf(settings.ModelDirectory);
        var prefix = ParsePrefix(settings.Prefix, names);
        using var fitted = DetectorCatalog.Detectors.Load(settings.ModelDirectory);
        if (fitted.As<INextCallPredictor>() is not { } predictor)
        {
            throw new SyscallBenchException($"{settings.ModelDirectory}: a '{fitted.Type}' detector does not predict next calls; use an lstm or ngram model.");
        }

        var label = settings.Names ? (Func<int, string>)(n => $"{names.NameOf(n)} ({n})") : n => n.ToString(CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"after [bold]{Markup.Escape(string.Join(" ", prefix.Select(label)))}[/] ({prefix.Length} calls), the {Markup.Escape(fitted.Type)} model expects")
            .AddColumns("rank", "next call", "probability");
        var rank = 0;
        foreach (var candidate in predictor.PredictNext(prefix, settings.Top))
        {
            rank++;
            var name = candidate.Syscall is { } number ? label(number) : "(a syscall never seen in training)";
            table.AddRow(rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(name),
                candidate.Probability.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return CliApp.ExitOk;
    }

    /// <summary>
    /// The syscall table of the model's numbers: the one its run's dataset recorded (x86-64 for strace trace
    /// folders); x86-32, ADFA-LD's, for a model outside a run folder or of a dataset without a table.
    /// </summary>
    private static SyscallNames NamesOf(string modelDirectory)
    {
        var numbering = ModelRun.Of(modelDirectory, DetectorCatalog.ConfigReader())?.Numbering;
        return numbering == SyscallNumbering.X86_64 ? SyscallNames.X86_64 : SyscallNames.X86_32;
    }

    private static int[] ParsePrefix(string text, SyscallNames names) =>
        text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select((token, i) => int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
                ? number
                : names.TryGetNumber(token, out var named)
                    ? named
                    : throw new SyscallBenchException($"prefix, call {i + 1}: '{token}' is neither a syscall number nor an {names.Architecture} syscall name."))
            .ToArray();
}
