using System.Collections.Concurrent;
using System.Diagnostics;
using Trace = SyscallBench.Core.Traces.Trace;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Running.Workers;

/// <summary>
/// Fits a detector in a process of its own: writes a <see cref="FitWorkerRequest"/> to a temporary folder,
/// starts the program's `fit-worker` command on it, relays the worker's progress, and loads the model it
/// saved. Why a process: libtorch has one intra-op thread pool and one seeded generator per process, so two
/// LSTM fits in one process would have to take turns (and one fit uses two cores little better than one:
/// README, "Parallel runs"); in two processes they train side by side, each exactly as it would alone.
/// </summary>
/// <remarks>
/// The model comes back through <see cref="DetectorRegistry.Save"/> and <see cref="DetectorRegistry.Load"/>,
/// the round trip the model cache already relies on, so its scores are those of the model fitted in this
/// process. Cancelling kills the worker and its children; a run that is killed outright closes the worker's
/// standard input, on which the worker removes the request folder and ends itself. Otherwise the run
/// removes the folder, whatever happened.
/// </remarks>
/// <param name="registry">Loads the saved model.</param>
/// <param name="program">The program to start (the CLI's executable, or dotnet).</param>
/// <param name="leadingArguments">Arguments before `fit-worker` (the CLI's assembly when the program is dotnet).</param>
public sealed class FitWorkerProcess(DetectorRegistry registry, string program, IReadOnlyList<string> leadingArguments)
{
    /// <summary>The command the worker's program offers for <see cref="FitWorker.Execute"/>.</summary>
    public const string Command = "fit-worker";

    /// <summary>How many of the worker's last other lines a failure message quotes.</summary>
    private const int QuotedLines = 5;

    public (IFittedDetector Fitted, TimeSpan FitTime) Fit(ExperimentConfig config, DetectorSpec detector, int seed, IReadOnlyList<Trace> train,
        IProgress<FitProgress> progress, CancellationToken cancellation)
    {
        var folder = FitWorkerRequest.CreateFolder();
        try
        {
            FitWorkerRequest.Write(folder, config, detector.Name, seed, train);
            var fitTime = RunWorker(folder, detector.Name, seed, progress, cancellation);
            return (registry.Load(FitWorkerRequest.ModelDirectoryOf(folder)), fitTime);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private TimeSpan RunWorker(string folder, string detector, int seed, IProgress<FitProgress> progress, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open and never written: the worker ends when it closes, so a run killed outright leaves no worker behind.
            RedirectStandardInput = true,
        };
        foreach (var argument in leadingArguments.Append(Command).Append(folder))
        {
            start.ArgumentList.Add(argument);
        }

        cancellation.ThrowIfCancellationRequested();
        using var process = Process.Start(start)
            ?? throw new SyscallBenchException($"Detector '{detector}' (seed {seed}): could not start a fit worker ({program}).");
        var messages = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                messages.Enqueue(line);
            }
        };
        process.BeginErrorReadLine();
        long? fitTicks = null;
        using (cancellation.Register(() => Kill(process)))
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                var fields = line.Split('\t');
                if (fields is [FitWorker.ProgressTag, var fraction, var status]
                    && double.TryParse(fraction, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    progress.Report(new FitProgress(value, status));
                }
                else if (fields is [FitWorker.FittedTag, var ticks] && long.TryParse(ticks, CultureInfo.InvariantCulture, out var parsed))
                {
                    fitTicks = parsed;
                }
                else if (line.Trim().Length > 0)
                {
                    messages.Enqueue(line.Trim());
                }
            }

            process.WaitForExit();
        }

        cancellation.ThrowIfCancellationRequested();
        if (process.ExitCode != 0 || fitTicks is null)
        {
            var said = messages.TakeLast(QuotedLines).ToArray();
            throw new SyscallBenchException($"Detector '{detector}' (seed {seed}): its fit worker process failed "
                + $"(exit code {process.ExitCode}{(fitTicks is null && process.ExitCode == 0 ? ", without reporting a fitted model" : "")})"
                + (said.Length == 0 ? "." : ": " + string.Join(" | ", said)));
        }

        return TimeSpan.FromTicks(fitTicks.Value);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited: nothing left to stop.
        }
    }
}
