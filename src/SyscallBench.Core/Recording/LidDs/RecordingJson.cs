using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SyscallBench.Core.Recording.LidDs;

/// <summary>
/// Writes a recording's NAME.json in the layout of LID-DS 2021 (as in its real recordings: 4-space indentation,
/// keys in alphabetical order, times as Unix seconds with "relative" seconds after "warmup_end"), with the
/// recorder's own fields under "recorder". Text is escaped only where JSON requires it (a file, never HTML), so
/// "0.1.0+8cfa0a9" stays readable.
/// </summary>
public static class RecordingJson
{
    /// <summary>The source of times the recorder measured itself (LID-DS's own are "CONTROL_SCRIPT" and "SYSDIG").</summary>
    public const string RecorderSource = "RECORDER";

    public static string Write(RecordingMetadata metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var start = metadata.RecordingStartUnixSeconds;
            json.WriteStartObject();
            json.WriteStartArray("container");
            json.WriteStartObject();
            if (metadata.ContainerIp is { } ip)
            {
                json.WriteString("ip", ip);
            }

            json.WriteString("name", metadata.ContainerName);
            json.WriteString("role", "victim");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteBoolean("exploit", metadata.ExploitName is not null);
            json.WriteString("exploit_name", metadata.ExploitName ?? "none");
            json.WriteString("image", metadata.Image);
            json.WriteStartObject("recorder");
            WriteRecorder(json, metadata.Recorder);
            json.WriteEndObject();
            json.WriteNumber("recording_time", Math.Round(metadata.RecordingSeconds, 3));
            json.WriteStartObject("time");
            if (metadata.ContainerReadyUnixSeconds is { } ready)
            {
                WriteTime(json, "container_ready", ready, start, metadata.ContainerReadySource);
            }

            json.WriteStartArray("exploit");
            foreach (var exploit in metadata.Exploits)
            {
                json.WriteStartObject();
                json.WriteNumber("absolute", Math.Round(exploit.UnixSeconds, 6));
                json.WriteString("name", exploit.Name);
                json.WriteNumber("relative", exploit.UnixSeconds - start);
                json.WriteString("source", exploit.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteTime(json, "warmup_end", start, start, RecorderSource);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTime(Utf8JsonWriter json, string key, double unixSeconds, double start, string source)
    {
        json.WriteStartObject(key);
        json.WriteNumber("absolute", Math.Round(unixSeconds, 6));
        json.WriteNumber("relative", unixSeconds - start);
        json.WriteString("source", source);
        json.WriteEndObject();
    }

    private static void WriteRecorder(Utf8JsonWriter json, RecorderInfo recorder)
    {
        json.WriteStartArray("cgroups");
        foreach (var cgroup in recorder.Cgroups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", cgroup.Id);
            json.WriteString("path", cgroup.Path);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (recorder.Command is { } command)
        {
            json.WriteStartArray("command");
            foreach (var argument in command)
            {
                json.WriteStringValue(argument);
            }

            json.WriteEndArray();
        }

        if (recorder.CommandPid is { } pid)
        {
            json.WriteNumber("command_pid", pid);
        }

        if (recorder.CommandExitCode is { } exitCode)
        {
            json.WriteNumber("command_exit_code", exitCode);
        }

        json.WriteString("engine", recorder.Engine);
        json.WriteString("engine_version", recorder.EngineVersion);
        json.WriteNumber("events", recorder.Events);
        json.WriteNumber("lost_events", recorder.LostEvents);
        json.WriteStartArray("malformed_examples");
        foreach (var example in recorder.MalformedExamples)
        {
            json.WriteStringValue(example);
        }

        json.WriteEndArray();
        json.WriteNumber("malformed_lines", recorder.MalformedLines);
        json.WriteNumber("out_of_order_events", recorder.OutOfOrderEvents);
        json.WriteString("stop_reason", recorder.StopReason);
        json.WriteString("syscall_numbering", recorder.SyscallNumbering);
        json.WriteString("tool_version", recorder.ToolVersion);
    }
}
