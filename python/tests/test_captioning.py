"""CaptioningModel: tfjs' "same" padding, the grid keeps where features are, padding never changes a caption's logits."""
import pytest
import torch

from recurrent_torch import CaptioningModel, ScratchCnn
from recurrent_torch.models import same_padding


def test_same_padding_puts_the_odd_pixel_at_the_end():
    assert same_padding(32, 3, 1) == (1, 1)
    assert same_padding(32, 3, 2) == (0, 1)  # tfjs pads 0 before, 1 after; PyTorch's padding=1 would not
    assert same_padding(5, 1, 1) == (0, 0)


def test_scratch_cnn_convs_equal_pytorchs_own_same_padding():
    torch.manual_seed(0)
    cnn = ScratchCnn(8, 1, 4, "global", 5)
    x = torch.rand(2, 8, 8, 3)
    with torch.no_grad():
        ours = cnn(x)
        z = torch.nn.functional.conv2d(x.permute(0, 3, 1, 2), cnn.conv1.weight, cnn.conv1.bias, padding="same")
        theirs = torch.relu(cnn.proj(torch.nn.functional.max_pool2d(torch.relu(z), 2).mean((2, 3))))
    assert torch.allclose(ours, theirs, atol=1e-6)


def test_grid_pooling_keeps_the_quarter_global_pooling_does_not():
    torch.manual_seed(1)
    grid, glob = ScratchCnn(16, 1, 4, "grid", 6), ScratchCnn(16, 1, 4, "global", 6)
    with torch.no_grad():
        grid.conv1.bias.zero_()  # a blank image is all zeros after the conv: only the patch shows
        glob.conv1.load_state_dict(grid.conv1.state_dict())
    left, right = torch.zeros(1, 16, 16, 3), torch.zeros(1, 16, 16, 3)
    left[0, 2:6, 2:6] = 1  # the same patch in the top-left and in the bottom-right quarter
    right[0, 10:14, 10:14] = 1
    seen = []
    hooks = [m.proj.register_forward_hook(lambda _m, i, _o: seen.append(i[0])) for m in (grid, glob)]
    with torch.no_grad():
        for m in (grid, glob):
            m(left), m(right)
    for h in hooks:
        h.remove()
    grid_l, grid_r, glob_l, glob_r = seen  # what each projection reads
    assert grid_l.shape == (1, 16) and glob_l.shape == (1, 4)
    assert not torch.allclose(grid_l, grid_r)
    assert torch.allclose(glob_l, glob_r, atol=1e-6)


@pytest.mark.parametrize("image_as,layers", [("state", 2), ("input", 1)])
def test_padded_caption_steps_never_change_the_real_steps(image_as, layers):
    torch.manual_seed(2)
    model = CaptioningModel(12, 8, 1, 4, "grid", 6, image_as, 5, 7, layers).eval()
    images, ids = torch.rand(2, 8, 8, 3), torch.randint(4, 12, (2, 5))
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=torch.float32)
    other = ids.clone()
    other[0, 3:] = 4  # different words under the padding
    with torch.no_grad():
        a, b = model(images, ids, mask), model(images, other, mask)
        alone = model(images[:1], ids[:1, :3], mask[:1, :3])
    assert a.shape == (2, 5, 12)
    assert torch.allclose(a, b) and torch.allclose(a[:1, :3], alone, atol=1e-6)
    names = set(model.state_dict())
    assert ("init_h.weight" in names) == (image_as == "state") and "encoder.conv1.weight" in names
