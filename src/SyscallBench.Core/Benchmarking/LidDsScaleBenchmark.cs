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

    /// <summary>The sample's lines (each its time and the bytes after it, newline included), its first and last event's time and its exploit time (Unix nanoseconds).</summary>
    public sealed record Sample(IReadOnlyList<(long Time, byte[] Tail)> Lines, long First, long Last, long Exploit, string Name);

    public static Sample ReadSample(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var name = Path.GetFileNameWithoutExtension(zipPath);
        var events = archive.GetEntry(name + ".sc") ?? throw new SyscallBenchException($"{zipPath}: no {name}.sc inside; is it a LID-DS 2021 recording?");
        var json = archive.GetEntry(name + ".json") ?? throw new SyscallBenchException($"{zipPath}: no {name}.json inside.");
        var lines = new List<(long, byte[])>();
        using (var reader = new StreamReader(CheckedZipEntryStream.Open(events, $"{zipPath}!{events.FullName}")))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    var space = line.IndexOf(' ', StringComparison.Ordinal);
                    lines.Add((long.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(line[space..] + "\n")));
                }
            }
        }

        LidDsMetadata metadata;
        using (var stream = CheckedZipEntryStream.Open(json, $"{zipPath}!{json.FullName}"))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            metadata = LidDsMetadata.Parse(buffer.ToArray(), zipPath);
        }

        return new Sample(lines, lines[0].Item1, lines[^1].Item1,
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
            if (zipped)
            {
                LidDsWriter.WriteZip2021(place, name, metadata, (Stream stream) => WriteShifted(stream, sample.Lines, shift));
            }
            else
            {
                LidDsWriter.WriteUnzipped2021(place, name, metadata, (Stream stream) => WriteShifted(stream, sample.Lines, shift));
            }
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

    /// <summary>Writes a scenario of about <paramref name="lines"/> event lines for a whole run (see remarks), as zips, two at a time.</summary>
    /// <returns>The scenario folder, its recordings' count and its event lines.</returns>
    public static (string Folder, int Recordings, long Lines) WriteRunScenario(Sample sample, string folder, long lines, IProgress<string>? status = null)
    {
        var before = sample.Lines.TakeWhile(l => l.Time < sample.Exploit).ToArray();
        var span = before[^1].Time - sample.First + 1_000_000;
        var loops = Math.Max(1, LinesPerRunRecording / before.Length);
        var recordings = (int)Math.Max(10, Math.Round((double)lines / (loops * before.Length)));
        var attackLoops = Math.Max(0, (loops * before.Length - sample.Lines.Count) / before.Length);
        long written = 0;
        var done = 0;
        Parallel.For(0, recordings, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
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
            Interlocked.Add(ref written, repeats * before.Length + (attack ? sample.Lines.Count : 0));
            LidDsWriter.WriteZip2021(Path.Combine(folder, split), name, LidDsWriter.Metadata2021(attack, attack ? exploit / 1_000_000_000m : null), (Stream stream) =>
            {
                for (var k = 0; k < repeats; k++)
                {
                    WriteShifted(stream, before, k * span);
                }

                if (attack)
                {
                    WriteShifted(stream, sample.Lines, repeats * span);
                }
            });
            var finished = Interlocked.Increment(ref done);
            if (status is not null && finished % Math.Max(1, recordings / 20) == 0)
            {
                status.Report($"written {finished} of {recordings} recordings");
            }
        });

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

    /// <summary>The lines with their times moved by <paramref name="shift"/> nanoseconds, as bytes.</summary>
    private static void WriteShifted(Stream stream, IReadOnlyList<(long Time, byte[] Tail)> lines, long shift)
    {
        Span<byte> digits = stackalloc byte[20];
        foreach (var (time, tail) in lines)
        {
            System.Buffers.Text.Utf8Formatter.TryFormat(time + shift, digits, out var length);
            stream.Write(digits[..length]);
            stream.Write(tail);
        }
    }

    private static long ZipLength(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Where(e => e.FullName.EndsWith(".sc", StringComparison.Ordinal)).Sum(e => e.Length);
    }
}
