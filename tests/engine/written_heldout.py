"""A second battery, written after the rubrics and measured before any rubric was tuned to it:
paraphrases in other words, misspellings, and false claims. The README's language-tool
comparison is measured on it (`python -m tutor.bench judge --battery`)."""

from __future__ import annotations

HELDOUT: dict[str, list[tuple[str, ...]]] = {
    "1a.explain": [
        ("right", "Regression gives a continous output such as a house price, classification assigns the input to one of several catagories."),
        ("right", "A classification model answers 'which one?' from a fixed list of options; a regression model answers 'how much?' with a real-valued number."),
        ("right", "Classification outputs labels like cat or dog, regression outputs quantities like age or height."),
        ("false", "Classification predicts numbers on a continuous scale and regression sorts inputs into categories.", "reversed"),
        ("false", "Regression is unsupervised learning, while classification uses labeled data.", "supervision"),
    ],
    "1b.why": [
        ("right", "Full-batch gradient descent computes the gradient using the whole training set, so it is the exact gradient; stochastic gradient descent approximates it with one randomly chosen sample, which is noisy but cheap."),
        ("right", "GD is more acurate because it averages the gradients of all training examples, while SGD only uses a random subset each iteration."),
        ("right", "SGD: a gradient from a mini-batch (an unbiased but high-variance estimate). GD: the gradient over the entire dataset. GD gives the better estimate."),
        ("false", "SGD gives a more accurate gradient since it updates more often.", "sgd-more-accurate"),
        ("false", "Batch GD uses a single random example while SGD uses the full dataset.", "definitions-swapped"),
    ],
    "1c.explain": [
        ("right", "The forward signal shrinks by a constant factor at every layer, and so does the backward gradient, so after ten or more layers the gradients at the bottom layers are vanishingly small and those weights hardly move."),
        ("right", "Vanishing gradients: backpropagation multiplies by the tiny weight matrices over and over, so the earliest layers get almost no gradient and don't learn."),
        ("right", "Small weights make activations decay toward zero with depth; the chain rule then makes the gradient exponentially small for the first layers, so training stalls."),
        ("false", "The gradients become too large and explode as they go backwards through the many small weights.", "exploding"),
        ("false", "With small weights the sigmoid and tanh units saturate, which kills the gradient.", "saturation"),
    ],
    "1d.why": [
        ("right", "No: since every unit in a hidden layer starts with the same weights, they all compute the same output and receive the same gradient, so they remain identical throughout training and the layer is no better than one unit."),
        ("right", "Not a good idea because of symmetry: neurons in a layer stay clones of each other forever, since their gradients are identical."),
        ("right", "Every hidden neuron gets identical activations and identical updates, so they never learn different features; random init breaks this symmetry."),
        ("false", "It is bad because making the biases random would already be enough to break the symmetry.", "random-biases"),
        ("false", "It is bad because the activations would blow up through the layers.", "scale-problem"),
    ],
    "2c.why": [
        ("right", "Because z is in the null space of W1, every activation and the loss are exactly as before, so the gradients of b1 and of all deeper layers are unchanged; only the gradient of W1, which is the upstream gradient times (x + λz)^T, is different."),
        ("right", "Only W1 gets a different update (its gradient uses the input). All other parameters receive the same updates as with the original data, since the forward pass is unchanged."),
        ("right", "W1's update changes by λ δ z^T; b1 and the later layers' updates are identical. After the first update, z is no longer in W1's nullspace and everything diverges."),
        ("false", "Every parameter update is identical to normal training, since W1 z = 0 hides the change completely.", "nothing-changes"),
        ("false", "The updates of the deeper layers change because their inputs change, while W1 stays the same.", "later-layers-change"),
    ],
    "3a.explain": [
        ("right", "Treat λ as a hyperparameter: train with several values such as 0.001, 0.01, 0.1 and 1 and select the one that does best on validation data."),
        ("right", "Do a grid search over λ with k-fold cross validation and take the value with the best average validation accuracy."),
        ("right", "Hold out part of the training data as a validation set, compare models trained with different λ on it, and keep the best one; never tune on the test set."),
        ("false", "Choose the λ that gives the smallest training error.", "by-training-loss"),
        ("false", "Select λ by evaluating each model on the test set and keeping the best.", "by-test-set"),
    ],
    "3b.why": [
        ("right", "False: if λ is very large the weights shrink to zero and the model underfits, so its test accuracy can be lower than the unregularized model's."),
        ("right", "False. Over-regularizing adds too much bias; the model becomes too simple and performs worse on unseen examples."),
        ("right", "False, too strong a penalty hurts generalization; regularization only helps when its strength is tuned to reduce overfitting."),
        ("false", "True, because regularization always reduces overfitting.", "always-helps"),
        ("false", "False, because too much regularization causes the model to overfit.", "overfit-reversed"),
    ],
    "3c.explain": [
        ("right", "During training each neuron is dropped with probability p, so neurons cannot rely on specific other neurons and must learn more robust features."),
        ("right", "Dropout can be seen as training a huge ensemble of thinned networks with shared weights; at test time using all units approximates averaging them, which reduces overfitting."),
        ("right", "Randomly turning off hidden units prevents complex co-adaptations and acts like bagging many sub-networks."),
        ("false", "Dropout deletes neurons from the network for good, so there are fewer parameters to overfit.", "removes-parameters"),
        ("false", "Dropout skips a random part of the training examples in every epoch.", "drops-data"),
    ],
    "4c.why": [
        ("right", "The prediction in (b) is wrong but has a smaller loss than the correct prediction in (a), because with one-hot labels cross-entropy only measures the probability of the true class."),
        ("right", "Cross-entropy ignores how the probability is spread over the wrong classes: only the true class's probability counts, so a misclassification can have lower loss."),
        ("right", "Loss and accuracy disagree here; the one-hot target multiplies every wrong-class term by zero, so −log of the true class probability is all that matters."),
        ("false", "This happens because the model overfits with too high a learning rate.", "wrong-cause"),
        ("false", "The cross-entropy loss penalizes the wrong classes, which is why it went down.", "penalizes-other-classes"),
    ],
    "4d.why": [
        ("right", "No, accuracy is not differentiable with respect to the weights (it is a step function), so gradient descent cannot use it."),
        ("right", "No: tiny weight changes almost never change accuracy, so its gradient is zero almost everywhere and training would not move."),
        ("right", "Bad idea: accuracy is piecewise constant, giving no gradient signal; we optimize cross-entropy as a differentiable proxy and report accuracy."),
        ("false", "No, because a model trained on accuracy would overfit the training data.", "overfitting"),
        ("false", "Yes, optimizing accuracy directly is better since it is the metric we care about.", "accuracy-is-better"),
    ],
    "4e.why": [
        ("right", "A is batch gradient descent: the gradient over all examples is exact, so the cost drops smoothly. B is mini-batch: each batch gives a noisy gradient, so the cost jumps around while trending down."),
        ("right", "The jagged curve B comes from mini-batch GD because every update is computed on a different random batch; batch GD (A) is deterministic and decreases monotonically."),
        ("right", "B is mini-batch since its cost fluctuates from sampling noise; A is full batch since it uses the whole training set at each step."),
        ("false", "A is mini-batch because smaller batches give smoother curves; B is batch gradient descent.", "swapped"),
        ("false", "B is mini-batch GD, whose gradient is biased so the cost does not converge.", "never-converges"),
    ],
    "4f.explain": [
        ("right", "The learning rate was reduced at that iteration, e.g. divided by 10 by a step schedule."),
        ("right", "Learning rate decay: with a smaller step size the optimizer stops overshooting and settles into the minimum."),
        ("right", "A scheduled drop in the learning rate let the iterates go deeper into the valley instead of bouncing between its walls."),
        ("false", "The learning rate was increased so the optimizer moved faster.", "lr-increased"),
        ("false", "The network began to overfit and memorized the training set.", "overfitting"),
    ],
    "4g.why": [
        ("right", "Because β1 and β2 are less than one, β1^t and β2^t approach 0 as t increases, so 1 − β^t approaches 1 and the corrected moments equal the uncorrected ones."),
        ("right", "lim_{t→∞} β^t = 0 since 0 < β < 1, hence lim 1/(1−β^t) = 1 and v~ → v, a~ → a."),
        ("right", "β^t decays exponentially to zero, so the denominator 1 − β^t goes to one and dividing by it has no effect."),
        ("false", "The correction vanishes because Adam decays the learning rate over time.", "learning-rate"),
        ("false", "Since β < 1, β^t increases with t and the correction factor blows up.", "power-grows"),
    ],
    "5a.explain": [
        ("right", "This is label smoothing: it stops the network from becoming overconfident (the logits no longer have to go to infinity to match 0/1 targets), acting as regularization. It is useful when the training labels might be mislabeled."),
        ("right", "Soft targets prevent extreme, overconfident predictions and improve calibration; it makes sense if some labels are wrong or the model overfits."),
        ("right", "It regularizes: the model can reach the targets at finite logits, so the weights do not grow without bound. Use it when labels are noisy."),
        ("false", "It makes the model's predictions more confident and sharper.", "more-confident"),
        ("false", "It makes sense for imbalanced datasets where some classes are rare.", "class-imbalance"),
    ],
    "5b.why": [
        ("right", "No. The CNN's weight sharing and local connectivity build in translation equivariance, so it needs far fewer parameters and much less data; a fully connected net would overfit the small dataset."),
        ("right", "No, CNNs have the right inductive bias for images; the limiting factor is data, not compute, and an MLP with millions of weights would memorize the training set."),
        ("right", "No: convolutions exploit spatial structure and share filters, so they generalize from few images, while a dense network must learn the same pattern separately at every position."),
        ("false", "Yes, a fully connected network generalizes better with limited data because it has more connections.", "fc-data-efficient"),
        ("false", "Yes, with unlimited compute the fully connected network is better since the CNN is only useful for saving compute.", "fc-better"),
    ],
}
