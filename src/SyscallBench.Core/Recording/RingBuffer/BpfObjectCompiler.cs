using System.Security.Cryptography;
using System.Text;
using SyscallBench.Core.Recording.Linux;

namespace SyscallBench.Core.Recording.RingBuffer;

/// <summary>
/// Compiles the embedded eBPF program (syscalls.bpf.c) with clang on first use and keeps the object in a cache
/// folder, keyed by the source and the compiler's version, as bpftrace compiles its scripts when it starts.
/// </summary>
/// <remarks>
/// Compiling here rather than at build time keeps clang and libbpf-dev out of the build: only machines that
/// record need them, and the object always matches the source that is running.
/// </remarks>
public static class BpfObjectCompiler
{
    private const string Resource = "SyscallBench.Core.Recording.RingBuffer.syscalls.bpf.c";

    /// <summary>The libbpf header the program includes (Debian: libbpf-dev).</summary>
    public const string HelpersHeader = "/usr/include/bpf/bpf_helpers.h";

    /// <summary>The program's source text.</summary>
    public static string Source()
    {
        using var stream = typeof(BpfObjectCompiler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>clang on PATH ("clang", else the newest "clang-N"), or null.</summary>
    public static string? FindClang() =>
        new[] { "clang" }.Concat(Enumerable.Range(14, 12).Reverse().Select(v => $"clang-{v}")).Select(ExternalProgram.FindOnPath).FirstOrDefault(path => path is not null);

    /// <summary>What is missing to compile the program, or null when clang and libbpf's headers are there.</summary>
    public static string? MissingTools()
    {
        var missing = new List<string>();
        if (FindClang() is null)
        {
            missing.Add("clang");
        }

        if (!File.Exists(HelpersHeader))
        {
            missing.Add("libbpf-dev");
        }

        return missing.Count == 0 ? null : string.Join(" ", missing);
    }

    /// <summary>The compiled object's path, compiling it first when the cache has no object for this source and compiler.</summary>
    public static string CompiledObject()
    {
        var clang = FindClang() ?? throw new SyscallBenchException("the ring-buffer engine compiles its eBPF program with clang, which is not installed: apt-get install -y clang libbpf-dev (or use --engine bpftrace).");
        if (!File.Exists(HelpersHeader))
        {
            throw new SyscallBenchException($"the ring-buffer engine needs libbpf's headers ({HelpersHeader}): apt-get install -y libbpf-dev (or use --engine bpftrace).");
        }

        var source = Source();
        var compiler = ExternalProgram.Run(clang, ["--version"], TimeSpan.FromSeconds(60)).Output;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + compiler)))[..16].ToLowerInvariant();
        var folder = Path.Combine(CacheFolder(), "bpf");
        var target = Path.Combine(folder, $"syscalls-{key}.bpf.o");
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(folder);
        var sourcePath = Path.Combine(folder, $".syscalls-{key}-{Guid.NewGuid():N}.bpf.c");
        var temporary = sourcePath[..^2] + ".o";
        try
        {
            File.WriteAllText(sourcePath, source);
            var include = $"/usr/include/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
            {
                System.Runtime.InteropServices.Architecture.X64 => "x86_64",
                var other => other.ToString().ToLowerInvariant(),
            }}-linux-gnu";
            var (exitCode, output) = ExternalProgram.Run(clang, ["-O2", "-g", "-target", "bpf", "-I", include, "-c", sourcePath, "-o", temporary], TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                throw new SyscallBenchException($"clang could not compile the eBPF program ({clang}, exit code {exitCode}): {output.Trim()}");
            }

            File.Move(temporary, target, overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(sourcePath);
            File.Delete(temporary);
        }
    }

    private static string CacheFolder()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "syscallbench");
    }
}
