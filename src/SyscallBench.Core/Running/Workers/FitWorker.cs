using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Running.Workers;

/// <summary>
/// The worker's side of a fit in another process (`fit-worker FOLDER`, started by <see cref="FitWorkerProcess"/>):
/// reads the request, fits the detector on its training traces with its seed exactly as the run would in
/// its own process, saves the model into the request folder, and talks to the parent in lines on standard
/// output: "progress TAB fraction TAB status" while fitting, "fitted TAB ticks" (the fit time) at the end.
/// Anything else it prints is a message for the parent to show if the worker fails.
/// </summary>
public static class FitWorker
{
    internal const string ProgressTag = "progress";
    internal const string FittedTag = "fitted";

    public static void Execute(string folder, ExperimentConfigReader reader, TextWriter output, CancellationToken cancellation)
    {
        var request = FitWorkerRequest.Read(folder, reader);
        var progress = new SynchronousProgress<FitProgress>(p => Send(output,
            string.Create(CultureInfo.InvariantCulture, $"{ProgressTag}\t{p.Fraction:R}\t{p.Status.ReplaceLineEndings(" ").Replace('\t', ' ')}")));
        var (fitted, fitTime) = TimedFit.Run(request.Detector, request.Train, new FitContext(request.Seed, progress, cancellation));
        using (fitted)
        {
            DetectorRegistry.Save(fitted, request.ModelDirectory);
        }

        Send(output, string.Create(CultureInfo.InvariantCulture, $"{FittedTag}\t{fitTime.Ticks}"));
    }

    private static void Send(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
