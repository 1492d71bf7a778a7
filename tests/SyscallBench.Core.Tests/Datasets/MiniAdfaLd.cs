using System.IO.Compression;
using System.Text;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>
/// A hand-made, ADFA-LD-shaped layout (a few tiny traces, never real ADFA-LD files) that tests write as a
/// folder or build as a zip in memory, optionally broken in one place.
/// </summary>
internal sealed class MiniAdfaLd
{
    /// <summary>Relative path ('/'-separated, without the ADFA-LD/ root) to file content.</summary>
    public SortedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal)
    {
        ["Training_Data_Master/UTD-0002.txt"] = "6 6 63 6 ",
        ["Training_Data_Master/UTD-0001.txt"] = "3 4 5 6 \n",
        ["Validation_Data_Master/UVD-0001.txt"] = "3 4 5 ",
        ["Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt"] = "11 102 102 ",
        ["Attack_Data_Master/Web_Shell_2/UAD-WS2-1.txt"] = "240 243 265",
        ["Attack_Data_Master/Web_Shell_10/UAD-WS10-7.txt"] = "192",
        ["ADFA-LD+Syscall+List.txt"] = "#define __NR_io_setup 0\n",
    };

    public MiniAdfaLd With(string path, string content)
    {
        Files[path] = content;
        return this;
    }

    public MiniAdfaLd Without(string pathPrefix)
    {
        foreach (var key in Files.Keys.Where(k => k.StartsWith(pathPrefix, StringComparison.Ordinal)).ToArray())
        {
            Files.Remove(key);
        }

        return this;
    }

    /// <summary>Writes the zip with every file under <paramref name="root"/> (the official zip uses "ADFA-LD/").</summary>
    public string WriteZip(string zipPath, string root = "ADFA-LD/")
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var (path, content) in Files)
        {
            var entry = archive.CreateEntry(root + path);
            using var stream = entry.Open();
            stream.Write(Encoding.ASCII.GetBytes(content));
        }

        return zipPath;
    }

    /// <summary>Writes the files under <paramref name="folder"/>/ADFA-LD/ and returns that ADFA-LD folder.</summary>
    public string WriteFolder(string folder)
    {
        var root = Path.Combine(folder, "ADFA-LD");
        foreach (var (path, content) in Files)
        {
            var file = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content, Encoding.ASCII);
        }

        return root;
    }
}
