using System.Globalization;
using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets.LidDs;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Benchmarking;

/// <summary>Reading a generated LID-DS scenario on one thread.</summary>
/// <param name="Scale">How many times the sample's lines it holds.</param>
/// <param name="Storage">"zips" (inflated while read) or "unzipped".</param>
/// <param name="Recordings">Recordings read.</param>
/// <param name="Lines">Event lines read.</param>
/// <param name="Calls">Calls kept (the '&gt;' lines).</param>
/// <param name="TextBytes">Bytes of .sc text.</param>
/// <param name="Cost">Time, CPU time, allocation and peak memory of reading them all.</param>
public sealed record ScaleReading(int Scale, string Storage, int Recordings, long Lines, long Calls, long TextBytes, PhaseCost Cost)
{
    public double LinesPerSecond => Lines / Cost.Elapsed.TotalSeconds;

    public double LinesPerCpuSecond => Lines / Math.Max(Cost.CpuTime.TotalSeconds, 1e-9);
}

/// <summary>A whole run of an experiment over a generated LID-DS scenario.</summary>
/// <param name="Lines">Event lines in the scenario.</param>
/// <param name="Calls">Calls fitted on and tested (training and test; validation recordings are scored too but not counted).</param>
/// <param name="Recordings">Its recordings.</param>
/// <param name="Cost">Time, CPU time and peak memory of the run, from loading to the written results.</param>
/// <param name="Parallel">Units run at once.</param>
/// <param name="Detectors">The detectors run.</param>
public sealed record ScaleRun(long Lines, long Calls, int Recordings, PhaseCost Cost, int Parallel, IReadOnlyList<string> Detectors);

/// <summary>
/// The scale benchmark of LID-DS reading (issue 13): scenarios generated in the LID-DS 2021 layout from the real sample
/// recording at 1x, 10x and 100x its size, read on one thread, zipped and unzipped (lines per second, peak memory); and an
/// experiment's whole run over a scenario of a given number of event lines.
/// </summary>
/// <remarks>
/// Generated recordings are the sample's own lines with their times shifted: a reading scale k holds k copies of the
/// sample, one recording each; the run's scenario holds recordings of about <see cref="LinesPerRunRecording"/> lines:
/// normal ones loop the sample's lines before its exploit, attack ones end with the whole sample (exploit included).
/// Splits: 40% training, 10% validation, 40% test normal, 10% test attack.
/// </remarks>
public static class LidDsScaleBenchmark
{
    public const int LinesPerRunRecording = 100_000;

    /// <summary>The sample's lines, its first event's time and its exploit time (Unix nanoseconds).</summary>
    public sealed record Sample(string[] Lines, long First, long Last, long Exploit, string Name);

    public static Sample ReadSample(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var name = Path.GetFileNameWithoutExtension(zipPath);
        var events = archive.GetEntry(name + ".sc") ?? throw new SyscallBenchException($"{zipPath}: no {name}.sc inside; is it a LID-DS 2021 recording?");
        var json = archive.GetEntry(name + ".json") ?? throw new SyscallBenchException($"{zipPath}: no {name}.json inside.");
        string[] lines;
        using (var reader = new StreamReader(CheckedZipEntryStream.Open(events, $"{zipPath}!{events.FullName}")))
        {
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        LidDsMetadata metadata;
        using (var stream = CheckedZipEntryStream.Open(json, $"{zipPath}!{json.FullName}"))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            metadata = LidDsMetadata.Parse(buffer.ToArray(), zipPath);
        }

        return new Sample(lines, Time(lines[0]), Time(lines[^1]),
            metadata.ExploitStartUnixNanoseconds ?? throw new SyscallBenchException($"{zipPath}: the sample has no exploit time."), name);
    }

    /// <summary>Writes a reading scenario: <paramref name="scale"/> recordings, each the sample shifted in time, in test/normal_and_attack/.</summary>
    public static string WriteReadingScenario(Sample sample, string folder, int scale, bool zipped)
    {
        var place = Path.Combine(folder, "test", "normal_and_attack");
        for (var k = 0; k < scale; k++)
        {
            var shift = k * (sample.Last - sample.First + 1_000_000_000);
            var metadata = LidDsWriter.Metadata2021(true, (sample.Exploit + shift) / 1_000_000_000m);
            var name = $"copy_{k.ToString("D5", CultureInfo.InvariantCulture)}";
            Action<TextWriter> write = writer => WriteShifted(writer, sample.Lines, shift);
            _ = zipped ? LidDsWriter.WriteZip2021(place, name, metadata, write) : LidDsWriter.WriteUnzipped2021(place, name, metadata, write);
        }

        return folder;
    }

    /// <summary>Reads every recording of a scenario written by <see cref="WriteReadingScenario"/>, one after the other on this thread.</summary>
    public static ScaleReading MeasureReading(string scenario, int scale, bool zipped)
    {
        var layout = LidDsLayout.Find(scenario, new LidDsOptions { Path = scenario });
        var options = new LidDsOptions { Path = scenario, ReadThreads = 1 };
        long lines = 0, calls = 0;
        var cost = PhaseMeter.Measure(() =>
        {
            foreach (var source in layout.Recordings)
            {
                var read = LidDsRecordingReader.Read(source, options, _ => "benchmark");
                lines += read.Lines;
                calls += read.Trace?.Length ?? 0;
            }
        });
        var bytes = zipped
            ? layout.Recordings.Sum(r => ZipLength(r.Location))
            : layout.Recordings.Sum(r => new FileInfo(r.Location).Length);
        return new ScaleReading(scale, zipped ? "zips" : "unzipped", layout.Recordings.Count, lines, calls, bytes, cost);
    }

    /// <summary>Writes a scenario of about <paramref name="lines"/> event lines for a whole run (see remarks), as zips.</summary>
    /// <returns>The scenario folder, its recordings' count and its event lines.</returns>
    public static (string Folder, int Recordings, long Lines) WriteRunScenario(Sample sample, string folder, long lines, IProgress<string>? status = null)
    {
        var before = sample.Lines.TakeWhile(l => Time(l) < sample.Exploit).ToArray();
        var span = Time(before[^1]) - sample.First + 1_000_000;
        var loops = Math.Max(1, LinesPerRunRecording / before.Length);
        var recordings = (int)Math.Max(10, Math.Round((double)lines / (loops * before.Length)));
        var attackLoops = Math.Max(0, (loops * before.Length - sample.Lines.Length) / before.Length);
        long written = 0;
        for (var r = 0; r < recordings; r++)
        {
            var (split, attack) = (r % 10) switch
            {
                < 4 => ("training", false),
                4 => ("validation", false),
                < 9 => ("test/normal", false),
                _ => ("test/normal_and_attack", true),
            };
            var name = $"{(attack ? "attack" : "normal")}_{r.ToString("D6", CultureInfo.InvariantCulture)}";
            var repeats = attack ? attackLoops : loops;
            var exploit = sample.Exploit + repeats * span;
            written += repeats * before.Length + (attack ? sample.Lines.Length : 0);
            LidDsWriter.WriteZip2021(Path.Combine(folder, split), name, LidDsWriter.Metadata2021(attack, attack ? exploit / 1_000_000_000m : null), writer =>
            {
                for (var k = 0; k < repeats; k++)
                {
                    WriteShifted(writer, before, k * span);
                }

                if (attack)
                {
                    WriteShifted(writer, sample.Lines, repeats * span);
                }
            });
            if (status is not null && (r + 1) % Math.Max(1, recordings / 20) == 0)
            {
                status.Report($"written {r + 1} of {recordings} recordings");
            }
        }

        return (folder, recordings, written);
    }

    /// <summary>Runs <paramref name="config"/> (one dataset: lid-ds, its path replaced by the scenario) and measures it whole.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="scenario">The scenario from <see cref="WriteRunScenario"/>.</param>
    /// <param name="lines">Its event lines.</param>
    /// <param name="recordings">Its recordings.</param>
    /// <param name="output">Where the run's folder goes.</param>
    /// <param name="observer">Progress.</param>
    public static ScaleRun MeasureRun(ExperimentConfig config, string scenario, long lines, int recordings, string output, IRunObserver observer)
    {
        var dataset = config.Dataset;
        if (dataset.Options is not LidDsOptions options)
        {
            throw new SyscallBenchException($"{config.SourceFile}: the scale run needs a lid-ds dataset, got '{dataset.Type}'.");
        }

        var generated = new LidDsOptions
        {
            Path = Path.GetFullPath(scenario), Streams = options.Streams, Direction = options.Direction, ReadThreads = options.ReadThreads,
        };
        var run = config with { Datasets = [dataset with { Options = generated }], OutputDirectory = output, SaveModels = false };
        RunOutcome? outcome = null;
        var cost = PhaseMeter.Measure(() => outcome = new ExperimentRunner(ExperimentRunner.CoreExporters, force: true).Run(run, observer));
        var summary = outcome!.Result.Dataset;
        return new ScaleRun(lines, summary.TrainCalls + summary.TestCalls, recordings, cost, run.Parallel, run.Detectors.Select(d => d.Name).ToArray());
    }

    private static void WriteShifted(TextWriter writer, IReadOnlyList<string> lines, long shift)
    {
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            writer.Write((long.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture) + shift).ToString(CultureInfo.InvariantCulture));
            writer.Write(line.AsSpan(space));
            writer.Write('\n');
        }
    }

    private static long Time(string line) => long.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    private static long ZipLength(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Where(e => e.FullName.EndsWith(".sc", StringComparison.Ordinal)).Sum(e => e.Length);
    }
}
