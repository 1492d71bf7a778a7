using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>
/// Writes recordings in the LID-DS layouts: 2021 recordings zipped or unzipped, 2019 runs with their runs.csv. What the
/// scale benchmark generates its scenarios with, and the tests their small ones: one writer, so both read what LID-DS ships.
/// </summary>
public static class LidDsWriter
{
    /// <summary>A 2021 recording's NAME.json: the fields LID-DS writes (containers are left out; readers ignore them).</summary>
    /// <param name="exploit">Whether the recording holds an attack.</param>
    /// <param name="exploitStart">time.exploit[0].absolute, Unix seconds; null writes no exploit time.</param>
    /// <param name="exploitName">exploit_name ("default" in most LID-DS 2021 scenarios).</param>
    /// <param name="image">The victim's image.</param>
    public static string Metadata2021(bool exploit, decimal? exploitStart, string exploitName = "default", string image = "victim")
    {
        var time = new Dictionary<string, object>
        {
            ["exploit"] = exploitStart is { } start
                ? new object[] { new Dictionary<string, object> { ["absolute"] = start, ["name"] = "attack", ["source"] = "SYSDIG" } }
                : Array.Empty<object>(),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["container"] = Array.Empty<object>(),
            ["exploit"] = exploit,
            ["exploit_name"] = exploitName,
            ["image"] = image,
            ["time"] = time,
        });
    }

    /// <summary>A 2021 event line: <c>unix_time_ns user_id pid process_name thread_id syscall direction args</c>.</summary>
    public static string Line2021(long timeNanoseconds, int pid, int tid, string process, string syscall, char direction, string arguments = "") =>
        string.Create(CultureInfo.InvariantCulture, $"{timeNanoseconds} 0 {pid} {process} {tid} {syscall} {direction} {arguments}");

    /// <summary>A 2019 event line: <c>event_number HH:MM:SS.nanoseconds cpu user_id process_name thread_id direction syscall args</c>.</summary>
    public static string Line2019(long eventNumber, long nanosecondsOfDay, int tid, string process, string syscall, char direction, string arguments = "")
    {
        var t = TimeSpan.FromTicks(nanosecondsOfDay / 100);
        return string.Create(CultureInfo.InvariantCulture,
            $"{eventNumber} {t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}.{nanosecondsOfDay % 1_000_000_000:000000000} 0 0 {process} {tid} {direction} {syscall} {arguments}");
    }

    /// <summary>Writes FOLDER/NAME.zip holding NAME.json and NAME.sc (deflated, as LID-DS ships them).</summary>
    /// <param name="folder">Where the zip goes (created when missing).</param>
    /// <param name="name">The recording's name.</param>
    /// <param name="metadata">NAME.json's text (<see cref="Metadata2021"/>).</param>
    /// <param name="writeEvents">Writes NAME.sc's text.</param>
    /// <returns>The zip's path.</returns>
    public static string WriteZip2021(string folder, string name, string metadata, Action<TextWriter> writeEvents) =>
        WriteZip2021(folder, name, metadata, (Stream stream) =>
        {
            using var events = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writeEvents(events);
        });

    /// <summary>Like the text overload, with NAME.sc's bytes written straight to <paramref name="writeEvents"/>'s stream (buffered).</summary>
    public static string WriteZip2021(string folder, string name, string metadata, Action<Stream> writeEvents)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".zip");
        File.Delete(path);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var json = new StreamWriter(archive.CreateEntry(name + ".json", CompressionLevel.Fastest).Open(), new UTF8Encoding(false)))
        {
            json.Write(metadata);
        }

        using (var events = new BufferedStream(archive.CreateEntry(name + ".sc", CompressionLevel.Fastest).Open(), 1 << 20))
        {
            writeEvents(events);
        }

        return path;
    }

    /// <summary>Writes an unzipped 2021 recording: FOLDER/NAME/NAME.sc and NAME.json, or with <paramref name="flat"/> both in FOLDER.</summary>
    /// <returns>The .sc file's path.</returns>
    public static string WriteUnzipped2021(string folder, string name, string metadata, Action<TextWriter> writeEvents, bool flat = false) =>
        WriteUnzipped2021(folder, name, metadata, (Stream stream) =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writeEvents(writer);
        }, flat);

    /// <summary>Like the text overload, with NAME.sc's bytes written straight to <paramref name="writeEvents"/>'s stream (buffered).</summary>
    public static string WriteUnzipped2021(string folder, string name, string metadata, Action<Stream> writeEvents, bool flat = false)
    {
        var place = flat ? folder : Path.Combine(folder, name);
        Directory.CreateDirectory(place);
        File.WriteAllText(Path.Combine(place, name + ".json"), metadata);
        var events = Path.Combine(place, name + ".sc");
        using var stream = new FileStream(events, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        writeEvents(stream);
        return events;
    }

    /// <summary>One row of a 2019 runs.csv.</summary>
    public sealed record Run2019(string Name, bool IsExploit, double ExploitStartSeconds, string Image = "lid-ds/victim:latest",
        int WarmupSeconds = 10, int RecordingSeconds = 30);

    /// <summary>Writes FOLDER/runs.csv (in the given order) and each run's FOLDER/NAME.txt.</summary>
    public static void Write2019(string folder, IReadOnlyList<(Run2019 Run, Action<TextWriter> WriteEvents)> runs)
    {
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder("image_name, scenario_name, is_executing_exploit, warmup_time, recording_time, exploit_start_time\n");
        foreach (var (run, writeEvents) in runs)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{run.Image}, {run.Name}, {(run.IsExploit ? "True" : "False")}, {run.WarmupSeconds}, {run.RecordingSeconds}, ")
                .Append(run.ExploitStartSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
            using var writer = new StreamWriter(Path.Combine(folder, run.Name + ".txt"), false, new UTF8Encoding(false), 1 << 16);
            writeEvents(writer);
        }

        File.WriteAllText(Path.Combine(folder, "runs.csv"), csv.ToString());
    }
}
