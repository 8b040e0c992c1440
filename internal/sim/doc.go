// Package sim is globosim's value-stream model on top of the des kernel:
// work items flowing through stages with rework and batches (Sim), the game
// a player leads over it with investments, hires, incidents and a market
// (Game), and the metrics both report (weekly rows, DORA, results). It
// imports no UI package: the terminal game, the headless runner and the
// reports all drive this one API.
package sim
