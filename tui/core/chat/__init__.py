"""A chat looked back on through the model (seed ch. 4.3.1): a transcript read into turns, its
identifiers masked before anything is kept, and the counsellor's marks on it (phases, knapper,
question types, «HER» moments) with suggestions from the guide's own questions."""
