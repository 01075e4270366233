package com.ethiq.core.detection;

/** One normalised turn seen by one lexicon: its tokens and, for each token, the term ids it matches. */
final class TokenView {

    final String[] tokens;
    final int[][] ids;

    /** A view over tokens whose term ids were already looked up ({@code ids[i]} for {@code tokens[i]}). */
    TokenView(String[] tokens, int[][] ids) {
        this.tokens = tokens;
        this.ids = ids;
    }

    TokenView(String[] tokens, Lexicon lexicon) {
        this.tokens = tokens;
        this.ids = new int[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = lexicon.termsOf(tokens[i]);
        }
    }

    int size() {
        return tokens.length;
    }

    boolean isNumber(int pos) {
        String t = tokens[pos];
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !t.isEmpty();
    }

    /**
     * End (exclusive) of a run of spoken digits that starts at {@code pos} and looks like a code, a card or an
     * account number: at least three tokens with three digits ("5 1 2"), two tokens with four digits ("08 27"),
     * or one token of six digits or more. Single letters inside the run are allowed ("4 5 b 2 2"). -1 if none.
     */
    int codeRunEnd(int pos) {
        int n = tokens.length;
        if (pos >= n || !isNumber(pos)) {
            return -1;
        }
        int digits = 0;
        int count = 0;
        int end = pos;
        int i = pos;
        while (i < n) {
            if (isNumber(i) && tokens[i].length() <= 8) {
                digits += tokens[i].length();
                count++;
                i++;
                end = i;
            } else if (tokens[i].length() == 1 && i + 1 < n && isNumber(i + 1) && i > pos) {
                count++;
                i++;
            } else {
                break;
            }
        }
        boolean code = (count >= 3 && digits >= 3) || (count >= 2 && digits >= 4)
                || (count == 1 && digits >= 6);
        return code ? end : -1;
    }
}
