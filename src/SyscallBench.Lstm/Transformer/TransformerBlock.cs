using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Transformer;

/// <summary>
/// One pre-norm transformer layer: x + Dropout(Attention(LN(x))), then x + Dropout(FFN(LN(x))) with a GELU
/// feed-forward block (Vaswani et al. 2017; pre-norm as in GPT-2, Radford et al. 2019). Attention is
/// libtorch's scaled_dot_product_attention under a boolean mask (true = may attend).
/// </summary>
internal sealed class TransformerBlock : nn.Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // State-dict key names.
    private readonly LayerNorm attention_norm;
    private readonly Linear qkv;
    private readonly Linear projection;
    private readonly LayerNorm feed_forward_norm;
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    private readonly int _heads;

    public TransformerBlock(int width, int heads, int feedForward, double dropoutRate)
        : base(nameof(TransformerBlock))
    {
        _heads = heads;
        attention_norm = nn.LayerNorm(width);
        qkv = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        feed_forward_norm = nn.LayerNorm(width);
        expand = nn.Linear(width, feedForward);
        contract = nn.Linear(feedForward, width);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <param name="x">[lanes, time, width].</param>
    /// <param name="mayAttend">[lanes, 1, time, time], true where query t may read key s.</param>
    public override Tensor forward(Tensor x, Tensor mayAttend)
    {
        var lanes = x.shape[0];
        var time = x.shape[1];
        var width = x.shape[2];
        var split = qkv.call(attention_norm.call(x)).view(lanes, time, 3, _heads, width / _heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(split[0], split[1], split[2], mayAttend);
        x = x + dropout.call(projection.call(attended.transpose(1, 2).reshape(lanes, time, width)));
        return x + dropout.call(contract.call(nn.functional.gelu(expand.call(feed_forward_norm.call(x)))));
    }
}
